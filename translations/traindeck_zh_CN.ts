<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CliApp</name>
    <message>
        <source>Job id prefix &quot;%1&quot; is ambiguous.</source>
        <translation>任务 ID 前缀“%1”匹配到多个任务。</translation>
    </message>
    <message>
        <source>No job &quot;%1&quot;. List jobs with: traindeck-cli history</source>
        <translation>没有任务“%1”。列出任务：traindeck-cli history</translation>
    </message>
    <message>
        <source>traindeck-cli: %1</source>
        <translation>traindeck-cli: %1</translation>
    </message>
    <message>
        <source>--data-dir needs a folder</source>
        <translation>--data-dir 需要指定一个文件夹</translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot;</source>
        <translation>未知命令“%1”</translation>
    </message>
    <message>
        <source>unknown machines subcommand &quot;%1&quot;</source>
        <translation>未知的 machines 子命令“%1”</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>PROVIDER</source>
        <translation>服务商</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>HOST</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>PRICE</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>STATUS</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Show this help</source>
        <translation>显示此帮助</translation>
    </message>
    <message>
        <source>Dataset folder (IDX files)</source>
        <translation>数据集文件夹（IDX 文件）</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>DIR</translation>
    </message>
    <message>
        <source>mlp, cnn or resnet-small</source>
        <translation>mlp、cnn 或 resnet-small</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮次 (epoch)</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>X</source>
        <translation>X</translation>
    </message>
    <message>
        <source>fp32, fp16 or bf16</source>
        <translation>fp32、fp16 或 bf16</translation>
    </message>
    <message>
        <source>P</source>
        <translation>P</translation>
    </message>
    <message>
        <source>Use only the first N training images</source>
        <translation>只使用前 N 张训练图像</translation>
    </message>
    <message>
        <source>CPU threads for the engine</source>
        <translation>引擎使用的 CPU 线程数</translation>
    </message>
    <message>
        <source>Random seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Run the bundled engine (the default)</source>
        <translation>运行内置引擎（默认）</translation>
    </message>
    <message>
        <source>numeric options need numbers</source>
        <translation>数值选项需要填写数字</translation>
    </message>
    <message>
        <source>job %1</source>
        <translation>任务 %1</translation>
    </message>
    <message>
        <source>job %1 %2%3</source>
        <translation>任务 %1 %2%3</translation>
    </message>
    <message>
        <source>stopping job %1 (saving a checkpoint)…</source>
        <translation>正在停止任务 %1（正在保存检查点）…</translation>
    </message>
    <message>
        <source>Usage: traindeck-cli history [--json]

Every job, newest first.</source>
        <translation>用法：traindeck-cli history [--json]

列出所有任务，最新的在前。</translation>
    </message>
    <message>
        <source>history takes no arguments</source>
        <translation>history 不接受参数</translation>
    </message>
    <message>
        <source>JOB</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>CREATED</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>MACHINE</source>
        <translation>机器</translation>
    </message>
    <message>
        <source>MODEL</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>STATE</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>TEST ACC</source>
        <translation>测试准确率</translation>
    </message>
    <message>
        <source>logs needs one job id</source>
        <translation>logs 需要一个任务 ID</translation>
    </message>
    <message>
        <source>Write the metrics to FILE as CSV</source>
        <translation>将指标以 CSV 格式写入 FILE</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source>Job id or prefix</source>
        <translation>任务 ID 或其前缀</translation>
    </message>
    <message>
        <source>export needs a job id and --csv FILE</source>
        <translation>export 需要一个任务 ID 和 --csv FILE</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Usage: traindeck-cli [--data-dir DIR] [--json] COMMAND [OPTIONS]

Commands:
  machines list|add|remove|probe   manage machines (Local is always there)
  upload MACHINE LOCAL_PATH [REMOTE_DIR]     delta upload with resume and verify
  download MACHINE REMOTE_PATH LOCAL_DIR     download with resume
  run MACHINE [ENGINE OPTIONS | -- COMMAND…] launch a job (detached on remote machines)
  attach JOB                 follow a running remote job again
  stop JOB                   stop a running remote job (checkpoint first)
  status [JOB]               running jobs, or one job&apos;s state and summary
  logs JOB [-f]              the metric lines of a job (-f: keep following)
  history                    every job with status and final accuracy
  export JOB --csv FILE      a job&apos;s metrics as CSV

Run `traindeck-cli COMMAND --help` for a command&apos;s options.

Exit codes: 0 ok, 1 failed, 2 usage, 3 connection/auth, 4 host key mismatch, 5 job failed.</source>
        <translation>用法：traindeck-cli [--data-dir DIR] [--json] COMMAND [OPTIONS]

命令：
  machines list|add|remove|probe   管理机器（始终包含本机）
  upload MACHINE LOCAL_PATH [REMOTE_DIR]     增量上传，支持断点续传和校验
  download MACHINE REMOTE_PATH LOCAL_DIR     下载，支持断点续传
  run MACHINE [ENGINE OPTIONS | -- COMMAND…] 启动任务（在远程机器上后台运行）
  attach JOB                 重新跟踪正在运行的远程任务
  stop JOB                   停止正在运行的远程任务（先保存检查点）
  status [JOB]               正在运行的任务，或单个任务的状态和摘要
  logs JOB [-f]              任务的指标行（-f：持续跟踪）
  history                    所有任务及其状态和最终准确率
  export JOB --csv FILE      将任务的指标导出为 CSV

运行 `traindeck-cli COMMAND --help` 查看某个命令的选项。

退出码：0 成功，1 失败，2 用法错误，3 连接/认证失败，4 主机密钥不匹配，5 任务失败。</translation>
    </message>
    <message>
        <source>Usage: traindeck-cli machines list [--json]
       traindeck-cli machines add --name NAME [OPTIONS] -- ssh [-p PORT] [-i KEY] [-J JUMP] USER@HOST
       traindeck-cli machines add --name NAME --alias SSH_CONFIG_ALIAS [OPTIONS]
       traindeck-cli machines remove MACHINE
       traindeck-cli machines probe MACHINE

Run `traindeck-cli machines add --help` for the options of add.</source>
        <translation>用法：traindeck-cli machines list [--json]
      traindeck-cli machines add --name NAME [OPTIONS] -- ssh [-p PORT] [-i KEY] [-J JUMP] USER@HOST
      traindeck-cli machines add --name NAME --alias SSH_CONFIG_ALIAS [OPTIONS]
      traindeck-cli machines remove MACHINE
      traindeck-cli machines probe MACHINE

运行 `traindeck-cli machines add --help` 查看 add 的选项。</translation>
    </message>
    <message>
        <source>Train the bundled engine, or run a command after --, on a machine.
Local jobs run in the foreground: their metrics stream to the terminal and Ctrl-C stops the job after a checkpoint. Remote jobs run detached and survive the connection: Ctrl-C only stops following (reattach with `attach JOB`).</source>
        <translation>在一台机器上用内置引擎训练，或运行 -- 之后的命令。
本地任务在前台运行：指标实时输出到终端，按 Ctrl-C 会在保存检查点后停止任务。远程任务在后台运行，连接断开后仍会继续：按 Ctrl-C 只是停止跟踪（用 `attach JOB` 重新跟踪）。</translation>
    </message>
    <message>
        <source>&quot;local&quot; or a machine&apos;s name</source>
        <translation>&quot;local&quot; 或机器名称</translation>
    </message>
    <message>
        <source>A command to run instead of the engine (remote machines)</source>
        <translation>代替引擎运行的命令（仅远程机器）</translation>
    </message>
    <message>
        <source>[-- COMMAND…]</source>
        <translation>[-- COMMAND…]</translation>
    </message>
    <message>
        <source>Stream metrics until the job ends (always on for local jobs)</source>
        <translation>实时输出指标直到任务结束（本地任务始终开启）</translation>
    </message>
    <message>
        <source>Working folder of a command job on the remote</source>
        <translation>命令任务在远程机器上的工作文件夹</translation>
    </message>
    <message>
        <source>Script sourced before a command job (e.g. a venv&apos;s bin/activate)</source>
        <translation>运行命令任务前 source 的脚本（例如 venv 的 bin/activate）</translation>
    </message>
    <message>
        <source>run needs a machine, e.g. traindeck-cli run local</source>
        <translation>run 需要指定一台机器，例如 traindeck-cli run local</translation>
    </message>
    <message>
        <source>a command after -- runs on remote machines only</source>
        <translation>-- 之后的命令只能在远程机器上运行</translation>
    </message>
    <message>
        <source>Usage: traindeck-cli status [JOB] [--json]

Without JOB: the jobs that have not ended.</source>
        <translation>用法：traindeck-cli status [JOB] [--json]

不指定 JOB 时：列出尚未结束的任务。</translation>
    </message>
    <message>
        <source>status takes at most one job id</source>
        <translation>status 最多接受一个任务 ID</translation>
    </message>
    <message>
        <source>No job is running.</source>
        <translation>没有正在运行的任务。</translation>
    </message>
    <message>
        <source>STARTED</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Usage: traindeck-cli logs JOB [-f]

Prints the job&apos;s raw metric lines; -f keeps following a running remote job.</source>
        <translation>用法：traindeck-cli logs JOB [-f]

输出任务的原始指标行；-f 持续跟踪正在运行的远程任务。</translation>
    </message>
    <message>
        <source>Unknown machine &quot;%1&quot;. List machines with: traindeck-cli machines list</source>
        <translation>未知机器“%1”。列出机器：traindeck-cli machines list</translation>
    </message>
    <message>
        <source>Add a machine from the ssh line your provider shows, or from a ~/.ssh/config alias. The first connection shows the host key fingerprint to compare with the provider&apos;s console.</source>
        <translation>根据服务商提供的 ssh 登录命令，或 ~/.ssh/config 中的别名添加机器。首次连接时会显示主机密钥指纹，请与服务商控制台中的指纹核对。</translation>
    </message>
    <message>
        <source>Name of the machine</source>
        <translation>机器名称</translation>
    </message>
    <message>
        <source>A Host alias from ~/.ssh/config</source>
        <translation>~/.ssh/config 中的 Host 别名</translation>
    </message>
    <message>
        <source>ALIAS</source>
        <translation>ALIAS</translation>
    </message>
    <message>
        <source>Provider id from the catalog (default: ssh)</source>
        <translation>目录中的服务商 id（默认：ssh）</translation>
    </message>
    <message>
        <source>GPU tier id from the catalog</source>
        <translation>目录中的 GPU 规格 id</translation>
    </message>
    <message>
        <source>Hourly price you pay</source>
        <translation>您支付的每小时价格</translation>
    </message>
    <message>
        <source>Currency of the price (CNY, USD, EUR)</source>
        <translation>价格的货币（CNY、USD、EUR）</translation>
    </message>
    <message>
        <source>CODE</source>
        <translation>CODE</translation>
    </message>
    <message>
        <source>Folder for TrainDeck&apos;s files on the machine</source>
        <translation>机器上存放 TrainDeck 文件的文件夹</translation>
    </message>
    <message>
        <source>Accept this host key without asking (SHA256:…)</source>
        <translation>不经询问直接接受此主机密钥（SHA256:…）</translation>
    </message>
    <message>
        <source>FP</source>
        <translation>FP</translation>
    </message>
    <message>
        <source>Read the password from the first line of standard input</source>
        <translation>从标准输入的第一行读取密码</translation>
    </message>
    <message>
        <source>Keep the password in the system keychain</source>
        <translation>将密码保存在系统钥匙串中</translation>
    </message>
    <message>
        <source>After --: the ssh command line</source>
        <translation>-- 之后：ssh 命令行</translation>
    </message>
    <message>
        <source>-- ssh [-p PORT] USER@HOST</source>
        <translation>-- ssh [-p PORT] USER@HOST</translation>
    </message>
    <message>
        <source>machines add needs --name</source>
        <translation>machines add 需要 --name</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a usable alias in ~/.ssh/config</source>
        <translation>“%1”不是 ~/.ssh/config 中可用的别名</translation>
    </message>
    <message>
        <source>give the ssh command after --, or --alias</source>
        <translation>请在 -- 之后给出 ssh 命令，或使用 --alias</translation>
    </message>
    <message>
        <source>A machine named &quot;%1&quot; exists already.</source>
        <translation>名为“%1”的机器已存在。</translation>
    </message>
    <message>
        <source>--price needs a number that is not negative</source>
        <translation>--price 需要一个非负数</translation>
    </message>
    <message>
        <source>--password-stdin: nothing on standard input</source>
        <translation>--password-stdin：标准输入中没有内容</translation>
    </message>
    <message>
        <source>The password could not be kept in the keychain (%1); you will be asked again.</source>
        <translation>无法将密码保存到钥匙串（%1），下次仍会询问。</translation>
    </message>
    <message>
        <source>no keychain</source>
        <translation>没有钥匙串</translation>
    </message>
    <message>
        <source>Connected, but the machine probe failed: %1</source>
        <translation>已连接，但机器检测失败：%1</translation>
    </message>
    <message>
        <source>Machine %1 added (%2)</source>
        <translation>已添加机器 %1（%2）</translation>
    </message>
    <message>
        <source>The machine could not be saved.</source>
        <translation>无法保存该机器。</translation>
    </message>
    <message>
        <source>Added %1 (%2@%3:%4), host key %5</source>
        <translation>已添加 %1（%2@%3:%4），主机密钥 %5</translation>
    </message>
    <message>
        <source>GPUs: %1</source>
        <translation>GPU：%1</translation>
    </message>
    <message>
        <source>none found (no nvidia-smi)</source>
        <translation>未找到（没有 nvidia-smi）</translation>
    </message>
    <message>
        <source>Usage: traindeck-cli machines remove MACHINE

Forgets the machine; its jobs stay in the history. Nothing on the machine is touched.</source>
        <translation>用法：traindeck-cli machines remove MACHINE

移除该机器的记录；其任务仍保留在历史记录中。机器上的任何内容都不会被改动。</translation>
    </message>
    <message>
        <source>The Local machine cannot be removed.</source>
        <translation>本机无法移除。</translation>
    </message>
    <message>
        <source>Machine %1 removed</source>
        <translation>已移除机器 %1</translation>
    </message>
    <message>
        <source>Removed %1.</source>
        <translation>已移除 %1。</translation>
    </message>
    <message>
        <source>Usage: traindeck-cli machines probe MACHINE [--json]

Reads OS, CPU, RAM, disk, GPUs, driver and CUDA versions and Python environments again.</source>
        <translation>用法：traindeck-cli machines probe MACHINE [--json]

重新读取操作系统、CPU、内存、磁盘、GPU、驱动和 CUDA 版本以及 Python 环境。</translation>
    </message>
    <message>
        <source>OS: %1 (%2)</source>
        <translation>操作系统：%1（%2）</translation>
    </message>
    <message>
        <source>CPU: %1 × %2</source>
        <translation>CPU：%1 × %2</translation>
    </message>
    <message>
        <source>RAM: %1 (%2 free)</source>
        <translation>内存：%1（可用 %2）</translation>
    </message>
    <message>
        <source>Disk: %1 free of %2</source>
        <translation>磁盘：可用 %1，共 %2</translation>
    </message>
    <message>
        <source>GPU: none found (no nvidia-smi)</source>
        <translation>GPU：未找到（没有 nvidia-smi）</translation>
    </message>
    <message>
        <source>GPU %1: %2</source>
        <translation>GPU %1：%2</translation>
    </message>
    <message>
        <source>Driver %1, CUDA %2</source>
        <translation>驱动 %1，CUDA %2</translation>
    </message>
    <message>
        <source>Python %1</source>
        <translation>Python %1</translation>
    </message>
    <message>
        <source>conda env %1: %2</source>
        <translation>conda 环境 %1：%2</translation>
    </message>
    <message>
        <source>No such file or folder: %1</source>
        <translation>没有这个文件或文件夹：%1</translation>
    </message>
    <message>
        <source>Interrupted. Run the same command again to resume.</source>
        <translation>已中断。再次运行同一命令即可断点续传。</translation>
    </message>
    <message>
        <source>Run the same command again to resume.</source>
        <translation>再次运行同一命令即可断点续传。</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>%1 files: %2 sent, %3 unchanged, %4 resumed (%5 sent) in %6 s → %7</source>
        <translation>%1 个文件：已发送 %2 个，未变化 %3 个，续传 %4 个（发送了 %5），用时 %6 秒 → %7</translation>
    </message>
    <message>
        <source>Skipped: %1</source>
        <translation>已跳过：%1</translation>
    </message>
    <message>
        <source>Cannot create %1</source>
        <translation>无法创建 %1</translation>
    </message>
    <message>
        <source>%1 files: %2 received, %3 unchanged, %4 resumed (%5) → %6</source>
        <translation>%1 个文件：已接收 %2 个，未变化 %3 个，续传 %4 个（%5）→ %6</translation>
    </message>
    <message>
        <source>Stopped following; the job keeps running. Reattach with: traindeck-cli attach %1</source>
        <translation>已停止跟踪，任务仍在运行。重新跟踪：traindeck-cli attach %1</translation>
    </message>
    <message>
        <source>The training engine traindeck-engine was not found next to traindeck-cli.</source>
        <translation>在 traindeck-cli 所在目录中找不到训练引擎 traindeck-engine。</translation>
    </message>
    <message>
        <source>The job did not report running within 2 minutes; check it with: traindeck-cli status %1</source>
        <translation>任务在 2 分钟内未报告已开始运行；请用以下命令检查：traindeck-cli status %1</translation>
    </message>
    <message>
        <source>Running detached. Follow it with: traindeck-cli attach %1</source>
        <translation>已在后台运行。跟踪输出：traindeck-cli attach %1</translation>
    </message>
    <message>
        <source>Usage: traindeck-cli attach JOB

Follows a running remote job again after a disconnect or a restart, from where the database left off: no line twice, none missing. Ctrl-C stops following; the job keeps running.</source>
        <translation>用法：traindeck-cli attach JOB

在断线或重启后，从数据库中记录的位置继续跟踪正在运行的远程任务：不会重复，也不会遗漏任何一行。按 Ctrl-C 停止跟踪，任务仍会继续运行。</translation>
    </message>
    <message>
        <source>Job %1 has already ended (%2).</source>
        <translation>任务 %1 已经结束（%2）。</translation>
    </message>
    <message>
        <source>Usage: traindeck-cli stop JOB

Asks a remote job to save a checkpoint and stop (SIGTERM, SIGKILL after 20 s), and waits until it has. Recorded in the audit log.</source>
        <translation>用法：traindeck-cli stop JOB

请求远程任务保存检查点并停止（先发送 SIGTERM，20 秒后发送 SIGKILL），并等待其停止。此操作会记入审计日志。</translation>
    </message>
    <message>
        <source>Local jobs stop with the program that runs them (Ctrl-C in its terminal, or Stop in the window).</source>
        <translation>本地任务随运行它的程序一起停止（在其终端中按 Ctrl-C，或在窗口中点击“停止”）。</translation>
    </message>
    <message>
        <source>Checking traindeck-engine on %1…</source>
        <translation>正在检查 %1 上的 traindeck-engine…</translation>
    </message>
    <message>
        <source>How a command job&apos;s log shows metrics: auto, json, pytorch, lightning, hf or regex</source>
        <translation>命令任务的日志中指标的格式：auto、json、pytorch、lightning、hf 或 regex</translation>
    </message>
    <message>
        <source>FORMAT</source>
        <translation>FORMAT</translation>
    </message>
    <message>
        <source>With --metrics regex: an expression with named groups such as (?&lt;loss&gt;…), (?&lt;accuracy&gt;…), (?&lt;step&gt;…)</source>
        <translation>配合 --metrics regex：带命名分组的表达式，例如 (?&lt;loss&gt;…)、(?&lt;accuracy&gt;…)、(?&lt;step&gt;…)</translation>
    </message>
    <message>
        <source>RE</source>
        <translation>RE</translation>
    </message>
    <message>
        <source>Or watch its log in a terminal: %1</source>
        <translation>或在终端中查看其日志：%1</translation>
    </message>
    <message>
        <source>GPU: none usable. %1</source>
        <translation>GPU：无可用 GPU。%1</translation>
    </message>
    <message>
        <source>Usage: traindeck-cli download MACHINE REMOTE_PATH LOCAL_DIR

Fetches a remote folder or file (results, checkpoints) into LOCAL_DIR; files already complete are skipped and a cut transfer resumes. Entries that would escape LOCAL_DIR (.., absolute paths, links) are refused.</source>
        <translation>用法：traindeck-cli download MACHINE REMOTE_PATH LOCAL_DIR

将远程文件夹或文件（结果、检查点）下载到 LOCAL_DIR；已完整的文件会被跳过，中断的传输会断点续传。会跳出 LOCAL_DIR 的条目（..、绝对路径、链接）将被拒绝。</translation>
    </message>
    <message>
        <source>Usage: traindeck-cli upload [--delete] [--no-verify] MACHINE LOCAL_PATH [REMOTE_DIR]

Sends only what changed (SHA-256 manifest), honours .gitignore and .traindeckignore, checks every file&apos;s SHA-256 on the remote before moving it into place and never leaves a half-replaced file. Ctrl-C stops; the same command resumes. REMOTE_DIR defaults to ~/NAME.

--delete also deletes on the remote the files an earlier upload put there that no longer exist here (never other files).
--no-verify skips the check on the remote (SSH still protects the bytes on the way): for a fast link to a machine with little CPU to spare.</source>
        <translation>用法：traindeck-cli upload [--delete] [--no-verify] MACHINE LOCAL_PATH [REMOTE_DIR]

只发送有变化的内容（SHA-256 清单），遵守 .gitignore 和 .traindeckignore，在远程把每个文件移入目标位置之前校验其 SHA-256，绝不留下替换了一半的文件。按 Ctrl-C 停止；再次运行同一命令即可续传。REMOTE_DIR 默认为 ~/NAME。

--delete 同时在远程删除以前上传过、而本地已不存在的文件（绝不删除其他文件）。
--no-verify 跳过远程校验（传输途中的字节仍受 SSH 保护）：适用于链路很快而机器 CPU 紧张的情况。</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) deleted on the machine (deleted here).</source>
        <translation>
            <numerusform>已在机器上删除 %n 个文件（本地已删除）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Changed while they were read (an earlier version arrived; download again later for the final one): %1</source>
        <translation>读取时仍在变化（收到的是较早的版本；请稍后再次下载以获得最终版本）：%1</translation>
    </message>
</context>
<context>
    <name>KeychainStatus</name>
    <message>
        <source>No system keychain is available (%1).</source>
        <translation>没有可用的系统钥匙串（%1）。</translation>
    </message>
    <message>
        <source>This build of TrainDeck has no keychain support.</source>
        <translation>此版本的 TrainDeck 不支持钥匙串。</translation>
    </message>
</context>
<context>
    <name>LineFollower</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 shrank below the part already read</source>
        <translation>%1 变得比已读取的部分还小</translation>
    </message>
</context>
<context>
    <name>MachineConnections</name>
    <message>
        <source>Unknown machine &quot;%1&quot;.</source>
        <translation>未知机器“%1”。</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>TrainDeck</source>
        <translation>TrainDeck</translation>
    </message>
    <message>
        <source>Cannot open TrainDeck&apos;s data folder.

%1

Choose another folder with --data-dir.</source>
        <translation>无法打开 TrainDeck 的数据文件夹。

%1

请用 --data-dir 选择其他文件夹。</translation>
    </message>
    <message>
        <source>GPU Catalog</source>
        <translation>GPU 目录</translation>
    </message>
    <message>
        <source>Parts of the GPU catalog could not be loaded:

%1</source>
        <translation>GPU 目录的部分内容无法加载：

%1</translation>
    </message>
</context>
<context>
    <name>td::Catalog</name>
    <message>
        <source>%1 was skipped because of the errors above; the rest of the catalog was loaded.</source>
        <translation>由于上述错误，已跳过 %1；目录的其余部分已加载。</translation>
    </message>
    <message>
        <source>Your price for %1 / %2 was not applied: the catalog has no such tier.</source>
        <translation>您为 %1 / %2 设置的价格未生效：目录中没有该 GPU 规格。</translation>
    </message>
    <message>
        <source>Your price for %1 / %2 was not applied: %3 is not a valid price.</source>
        <translation>您为 %1 / %2 设置的价格未生效：%3 不是有效的价格。</translation>
    </message>
    <message>
        <source>Your price for %1 / %2 was not applied: unknown currency &quot;%3&quot;.</source>
        <translation>您为 %1 / %2 设置的价格未生效：未知货币“%3”。</translation>
    </message>
    <message>
        <source>Your price</source>
        <translation>您的价格</translation>
    </message>
    <message>
        <source>%1× %2</source>
        <translation>%1× %2</translation>
    </message>
    <message>
        <source>Unknown provider &quot;%1&quot;.</source>
        <translation>未知服务商“%1”。</translation>
    </message>
    <message>
        <source>A detected tier needs an id.</source>
        <translation>检测到的 GPU 规格需要一个 id。</translation>
    </message>
    <message>
        <source>Provider %1 already has a tier &quot;%2&quot;.</source>
        <translation>服务商 %1 已有 GPU 规格“%2”。</translation>
    </message>
    <message>
        <source>The detected GPU count and memory size cannot be negative.</source>
        <translation>检测到的 GPU 数量和显存大小不能为负数。</translation>
    </message>
    <message>
        <source>The price of a detected tier cannot be negative.</source>
        <translation>检测到的 GPU 规格价格不能为负数。</translation>
    </message>
    <message>
        <source>Unknown currency &quot;%1&quot;.</source>
        <translation>未知货币“%1”。</translation>
    </message>
    <message>
        <source>No rental charge: this computer</source>
        <translation>无租用费用：本机</translation>
    </message>
    <message>
        <source>Unknown field; check its spelling against the catalog README.</source>
        <translation>未知字段，请对照目录的 README 检查拼写。</translation>
    </message>
    <message>
        <source>Required field is missing.</source>
        <translation>缺少必填字段。</translation>
    </message>
    <message>
        <source>Unsupported schema version %1; this version of TrainDeck reads version %2.</source>
        <translation>不支持的架构版本 %1；此版本的 TrainDeck 读取的是版本 %2。</translation>
    </message>
    <message>
        <source>Must be a string.</source>
        <translation>必须是字符串。</translation>
    </message>
    <message>
        <source>Must not be empty.</source>
        <translation>不能为空。</translation>
    </message>
    <message>
        <source>Must be a non-empty string or null.</source>
        <translation>必须是非空字符串或 null。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid id: use lower-case letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;.</source>
        <translation>“%1”不是有效的 id：只能使用小写字母、数字、&apos;.&apos;、&apos;_&apos; 和 &apos;-&apos;。</translation>
    </message>
    <message>
        <source>Must be a number or null.</source>
        <translation>必须是数字或 null。</translation>
    </message>
    <message>
        <source>Must not be negative.</source>
        <translation>不能为负数。</translation>
    </message>
    <message>
        <source>Must be a number greater than zero.</source>
        <translation>必须是大于零的数字。</translation>
    </message>
    <message>
        <source>Must be a whole number, zero or more.</source>
        <translation>必须是大于或等于零的整数。</translation>
    </message>
    <message>
        <source>Must be true or false.</source>
        <translation>必须是 true 或 false。</translation>
    </message>
    <message>
        <source>Must be an array.</source>
        <translation>必须是数组。</translation>
    </message>
    <message>
        <source>Must be an array of strings.</source>
        <translation>必须是字符串数组。</translation>
    </message>
    <message>
        <source>Must be a non-empty string.</source>
        <translation>必须是非空字符串。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a date written YYYY-MM-DD.</source>
        <translation>“%1”不是 YYYY-MM-DD 格式的日期。</translation>
    </message>
    <message>
        <source>The file is missing from %1.</source>
        <translation>%1 中缺少该文件。</translation>
    </message>
    <message>
        <source>The file cannot be read: %1.</source>
        <translation>无法读取该文件：%1。</translation>
    </message>
    <message>
        <source>The file is not valid JSON: %1 at line %2, column %3.</source>
        <translation>该文件不是有效的 JSON：第 %2 行第 %3 列，%1。</translation>
    </message>
    <message>
        <source>The file must contain one JSON object.</source>
        <translation>该文件必须包含一个 JSON 对象。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a plain .json file name in the catalog directory.</source>
        <translation>“%1”不是目录文件夹中的普通 .json 文件名。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is listed twice.</source>
        <translation>“%1”被列出了两次。</translation>
    </message>
    <message>
        <source>Must be an object.</source>
        <translation>必须是对象。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a compute capability such as &quot;8.6&quot;.</source>
        <translation>“%1”不是计算能力（compute capability）值，例如 &quot;8.6&quot;。</translation>
    </message>
    <message>
        <source>The engine runs on CUDA devices only: a model without a compute capability cannot be supported.</source>
        <translation>引擎只能在 CUDA 设备上运行：没有计算能力（compute capability）的型号无法支持。</translation>
    </message>
    <message>
        <source>Duplicate id &quot;%1&quot;.</source>
        <translation>id“%1”重复。</translation>
    </message>
    <message>
        <source>Duplicate provider id &quot;%1&quot; (already loaded from %2).</source>
        <translation>服务商 id“%1”重复（已从 %2 加载）。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an http(s) address.</source>
        <translation>“%1”不是 http(s) 地址。</translation>
    </message>
    <message>
        <source>Duplicate tier id &quot;%1&quot;.</source>
        <translation>GPU 规格 id“%1”重复。</translation>
    </message>
    <message>
        <source>Unknown GPU model &quot;%1&quot;: it must be an id from the GPU model file.</source>
        <translation>未知 GPU 型号“%1”：必须是 GPU 型号文件中的 id。</translation>
    </message>
    <message>
        <source>A GPU tier needs at least one GPU.</source>
        <translation>GPU 规格至少需要一块 GPU。</translation>
    </message>
    <message>
        <source>A tier without a GPU model (&quot;gpu&quot;: null) must have gpu_count 0.</source>
        <translation>没有 GPU 型号（&quot;gpu&quot;: null）的规格，gpu_count 必须为 0。</translation>
    </message>
    <message>
        <source>Must be an object or null.</source>
        <translation>必须是对象或 null。</translation>
    </message>
    <message>
        <source>A price without any figure must be written as &quot;price&quot;: null.</source>
        <translation>没有任何金额的价格必须写成 &quot;price&quot;: null。</translation>
    </message>
    <message>
        <source>Unknown currency &quot;%1&quot;; use one of: %2.</source>
        <translation>未知货币“%1”，请使用以下之一：%2。</translation>
    </message>
    <message>
        <source>A price other than zero needs a currency.</source>
        <translation>非零价格需要指定货币。</translation>
    </message>
    <message>
        <source>The minimum price is greater than the maximum.</source>
        <translation>最低价格高于最高价格。</translation>
    </message>
    <message>
        <source>The hourly price lies outside the minimum and maximum.</source>
        <translation>每小时价格不在最低价和最高价之间。</translation>
    </message>
    <message>
        <source>Region &quot;%1&quot; is not one of the provider&apos;s regions.</source>
        <translation>地域“%1”不属于该服务商的地域。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1, field %2: %3</source>
        <translation>%1，字段 %2：%3</translation>
    </message>
</context>
<context>
    <name>td::ConnectDialog</name>
    <message>
        <source>Add Machine</source>
        <translation>添加机器</translation>
    </message>
    <message>
        <source>ssh -p 41234 root@connect.westb.seetacloud.com</source>
        <translation>ssh -p 41234 root@connect.westb.seetacloud.com</translation>
    </message>
    <message>
        <source>Paste the SSH command from your provider&apos;s console, or fill in the fields below.</source>
        <translation>粘贴服务商控制台中的 SSH 登录命令，或填写下面的各项。</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>SSH command:</source>
        <translation>SSH 命令:</translation>
    </message>
    <message>
        <source>Or a host from ~/.ssh/config:</source>
        <translation>或 ~/.ssh/config 中的主机:</translation>
    </message>
    <message>
        <source>e.g. gpu1 (defaults to the host)</source>
        <translation>例如 gpu1（默认为主机名）</translation>
    </message>
    <message>
        <source>root</source>
        <translation>root</translation>
    </message>
    <message>
        <source>optional, e.g. user@bastion:2222</source>
        <translation>可选，例如 user@bastion:2222</translation>
    </message>
    <message>
        <source>default keys (~/.ssh/id_ed25519, id_rsa) and the agent</source>
        <translation>默认密钥（~/.ssh/id_ed25519、id_rsa）和 ssh-agent</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>only if the machine uses password login</source>
        <translation>仅当机器使用密码登录时填写</translation>
    </message>
    <message>
        <source>Remember in the system keychain</source>
        <translation>保存到系统钥匙串</translation>
    </message>
    <message>
        <source>Checking the system keychain…</source>
        <translation>正在检查系统钥匙串…</translation>
    </message>
    <message>
        <source>Machine</source>
        <translation>机器</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称:</translation>
    </message>
    <message>
        <source>Host:</source>
        <translation>主机:</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>端口:</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>用户:</translation>
    </message>
    <message>
        <source>Jump host:</source>
        <translation>跳板机:</translation>
    </message>
    <message>
        <source>Private key:</source>
        <translation>私钥:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码:</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>per hour</source>
        <translation>每小时</translation>
    </message>
    <message>
        <source>Provider and price</source>
        <translation>服务商与价格</translation>
    </message>
    <message>
        <source>Provider:</source>
        <translation>服务商:</translation>
    </message>
    <message>
        <source>GPU tier:</source>
        <translation>GPU 规格:</translation>
    </message>
    <message>
        <source>Hourly price:</source>
        <translation>每小时价格:</translation>
    </message>
    <message>
        <source>TrainDeck folder on the machine:</source>
        <translation>机器上的 TrainDeck 文件夹:</translation>
    </message>
    <message>
        <source>Private Key</source>
        <translation>私钥</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>The password goes to the system keychain only when ticked, never to TrainDeck&apos;s files.</source>
        <translation>只有勾选时才会将密码保存到系统钥匙串，绝不会写入 TrainDeck 的文件。</translation>
    </message>
    <message>
        <source>The password will be asked for each time; TrainDeck never saves it in its own files.</source>
        <translation>每次连接都会询问密码；TrainDeck 绝不会把它保存在自己的文件中。</translation>
    </message>
    <message>
        <source>(none found)</source>
        <translation>（未找到）</translation>
    </message>
    <message>
        <source>(choose)</source>
        <translation>（请选择）</translation>
    </message>
    <message>
        <source>✔ %1</source>
        <translation>✔ %1</translation>
    </message>
    <message>
        <source>✔ %1 from ~/.ssh/config</source>
        <translation>✔ %1，来自 ~/.ssh/config</translation>
    </message>
    <message>
        <source>Other / not listed</source>
        <translation>其他 / 未列出</translation>
    </message>
    <message>
        <source>TrainDeck does not drive %1&apos;s cloud API: rent the instance in its console, then connect to it by SSH here.</source>
        <translation>TrainDeck 不调用 %1 的云 API：请在其控制台租用实例，然后在这里通过 SSH 连接。</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Password for %1:</source>
        <translation>%1 的密码:</translation>
    </message>
    <message>
        <source>Key Passphrase</source>
        <translation>密钥密码短语</translation>
    </message>
    <message>
        <source>Wrong passphrase. Passphrase of %1:</source>
        <translation>密码短语错误。%1 的密码短语:</translation>
    </message>
    <message>
        <source>Passphrase of %1:</source>
        <translation>%1 的密码短语:</translation>
    </message>
</context>
<context>
    <name>td::CostEstimator</name>
    <message>
        <source>price unknown: enter the hourly price</source>
        <translation>价格未知：请输入每小时价格</translation>
    </message>
    <message>
        <source>no charge</source>
        <translation>免费</translation>
    </message>
    <message>
        <source>%1 (range %2 – %3)</source>
        <translation>%1（范围 %2 – %3）</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>up to %1</source>
        <translation>最多 %1</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>%1 起</translation>
    </message>
    <message>
        <source>&lt; 1 min</source>
        <translation>&lt; 1 分钟</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分钟</translation>
    </message>
    <message>
        <source>The TrainDeck engine cannot run on %1 (not a CUDA device).</source>
        <translation>TrainDeck 引擎无法在 %1 上运行（不是 CUDA 设备）。</translation>
    </message>
    <message>
        <source>No datasheet throughput for a CPU: run a short job (--max-steps) and use its measured samples per second.</source>
        <translation>CPU 没有规格表吞吐量：请先运行一个短任务（--max-steps），使用实测的每秒样本数。</translation>
    </message>
    <message>
        <source>No datasheet %1 throughput is known for %2.</source>
        <translation>没有 %2 的 %1 规格表吞吐量数据。</translation>
    </message>
    <message>
        <source>The efficiency assumption must lie between 0 and 1.</source>
        <translation>效率假设必须在 0 到 1 之间。</translation>
    </message>
    <message>
        <source>The model has no FLOP count.</source>
        <translation>该模型没有 FLOP 计数。</translation>
    </message>
    <message>
        <source>Estimate from datasheet figures: %1 MFLOP per training sample (3 × forward) at %2 % of %3 TFLOPS peak %4. Small models usually train slower than this, since data loading and kernel launches rather than arithmetic limit them; evaluation passes are not included.</source>
        <translation>根据规格表数据估算：每个训练样本 %1 MFLOP（3 × 前向），按 %4 峰值 %3 TFLOPS 的 %2% 计算。小模型的实际训练速度通常更慢，因为瓶颈在数据加载和 kernel 启动，而不在计算本身；未计入评估过程。</translation>
    </message>
    <message>
        <source>The measured throughput must be a positive number of samples per second.</source>
        <translation>实测吞吐量必须是正数（每秒样本数）。</translation>
    </message>
    <message>
        <source>Estimate from a measured %1 samples per second; evaluation passes are not included.</source>
        <translation>根据实测的每秒 %1 个样本估算；未计入评估过程。</translation>
    </message>
    <message>
        <source>%1/h</source>
        <translation>%1/小时</translation>
    </message>
</context>
<context>
    <name>td::DashboardPanel</name>
    <message>
        <source>No job selected. Launch one, or open one from History.</source>
        <translation>未选择任务。请启动一个任务，或从历史记录中打开。</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Ask the engine to save a checkpoint and stop</source>
        <translation>让引擎保存检查点后停止</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>导出 PNG…</translation>
    </message>
    <message>
        <source>Reset Zoom</source>
        <translation>重置缩放</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>跟随</translation>
    </message>
    <message>
        <source>Search the log</source>
        <translation>搜索日志</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>epoch %1</source>
        <translation>轮次 %1</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>步 %1</translation>
    </message>
    <message>
        <source>loss %1</source>
        <translation>损失 %1</translation>
    </message>
    <message>
        <source>%1 img/s</source>
        <translation>%1 张/秒</translation>
    </message>
    <message>
        <source>Job %1 · %2 · %3</source>
        <translation>任务 %1 · %2 · %3</translation>
    </message>
    <message>
        <source>Final test accuracy %1%</source>
        <translation>最终测试准确率 %1%</translation>
    </message>
    <message>
        <source>Export Metrics</source>
        <translation>导出指标</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Export Chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>That job has no metrics to compare.</source>
        <translation>该任务没有可对比的指标。</translation>
    </message>
    <message>
        <source>Job %1 · %2</source>
        <translation>任务 %1 · %2</translation>
    </message>
    <message>
        <source>job %1</source>
        <translation>任务 %1</translation>
    </message>
    <message>
        <source>test accuracy %1%</source>
        <translation>测试准确率 %1%</translation>
    </message>
    <message>
        <source>validation accuracy %1%</source>
        <translation>验证准确率 %1%</translation>
    </message>
    <message>
        <source>In a terminal: %1</source>
        <translation>终端查看：%1</translation>
    </message>
</context>
<context>
    <name>td::Diagnosis</name>
    <message>
        <source>exit code %1 (%2)</source>
        <translation>退出码 %1（%2）</translation>
    </message>
    <message>
        <source>exit code %1</source>
        <translation>退出码 %1</translation>
    </message>
    <message>
        <source>engine error: %1</source>
        <translation>引擎错误：%1</translation>
    </message>
    <message>
        <source>no exit code</source>
        <translation>无退出码</translation>
    </message>
    <message>
        <source>The job&apos;s process is gone without recording an exit code: the machine was restarted or preempted, or the job was killed together with its wrapper.</source>
        <translation>任务进程已消失，且没有记录退出码：机器被重启或被抢占，或者任务连同其包装进程一起被终止。</translation>
    </message>
    <message>
        <source>GPU hardware fault</source>
        <translation>GPU 硬件故障</translation>
    </message>
    <message>
        <source>The GPU stopped responding (fell off the PCIe bus, was marked lost, or reported an uncorrectable memory error). This is a hardware, power or cooling fault of the machine, not of the training code.</source>
        <translation>GPU 停止响应（从 PCIe 总线上掉线、被标记为丢失，或报告了不可纠正的显存错误）。这是机器的硬件、供电或散热故障，不是训练代码的问题。</translation>
    </message>
    <message>
        <source>GPU at PCI %1</source>
        <translation>PCI %1 上的 GPU</translation>
    </message>
    <message>
        <source>Resume from the last checkpoint on another machine.</source>
        <translation>在另一台机器上从最近的检查点断点续训。</translation>
    </message>
    <message>
        <source>Report the machine to the provider with the kernel log lines (dmesg | grep -E &apos;NVRM|Xid&apos;) so it is taken out of service.</source>
        <translation>附上内核日志（dmesg | grep -E &apos;NVRM|Xid&apos;）向服务商报告这台机器，让其下线维修。</translation>
    </message>
    <message>
        <source>Only a reboot brings the GPU back; if it happens again on the same machine, stop using it.</source>
        <translation>只有重启才能恢复 GPU；如果同一台机器再次出现这种情况，请停止使用它。</translation>
    </message>
    <message>
        <source>If it happens on several machines, look at the GPU temperature and power in the job&apos;s GPU chart: a power cap (nvidia-smi -pl) can help.</source>
        <translation>如果在多台机器上都出现，请查看任务 GPU 图表中的温度和功耗：设置功耗上限（nvidia-smi -pl）可能有帮助。</translation>
    </message>
    <message>
        <source>NVIDIA driver and library versions differ</source>
        <translation>NVIDIA 驱动与库版本不一致</translation>
    </message>
    <message>
        <source>The loaded NVIDIA kernel module and the user-space driver libraries have different versions, usually because the driver was upgraded (automatic updates) while the machine kept running, or because a container brings its own driver libraries.</source>
        <translation>已加载的 NVIDIA 内核模块与用户态驱动库版本不同，通常是因为机器运行期间驱动被升级（自动更新），或者容器自带了驱动库。</translation>
    </message>
    <message>
        <source>Reboot the machine so the matching kernel module is loaded.</source>
        <translation>重启机器以加载匹配的内核模块。</translation>
    </message>
    <message>
        <source>Without a reboot, when no process uses the GPU: sudo rmmod nvidia_uvm nvidia_drm nvidia_modeset nvidia, then run nvidia-smi to load the new module.</source>
        <translation>不重启的做法（需没有进程在使用 GPU）：sudo rmmod nvidia_uvm nvidia_drm nvidia_modeset nvidia，然后运行 nvidia-smi 加载新模块。</translation>
    </message>
    <message>
        <source>In a container, do not install driver packages in the image and keep /usr/local/cuda/compat out of LD_LIBRARY_PATH on hosts with a newer driver.</source>
        <translation>在容器中，不要在镜像里安装驱动包；宿主机驱动较新时，不要把 /usr/local/cuda/compat 放进 LD_LIBRARY_PATH。</translation>
    </message>
    <message>
        <source>Disable unattended driver upgrades on machines you keep (apt-mark hold for the nvidia packages).</source>
        <translation>在长期使用的机器上关闭驱动自动升级（对 nvidia 软件包执行 apt-mark hold）。</translation>
    </message>
    <message>
        <source>On a rented machine you cannot reboot, ask the provider or pick another machine.</source>
        <translation>如果是无法重启的租用机器，请联系服务商或换一台机器。</translation>
    </message>
    <message>
        <source>No usable GPU</source>
        <translation>没有可用的 GPU</translation>
    </message>
    <message>
        <source>The framework could not use a GPU: no NVIDIA driver is reachable, no device is visible to the job, or the framework was built without CUDA. Frameworks that fall back to the CPU then train many times slower.</source>
        <translation>框架无法使用 GPU：找不到 NVIDIA 驱动、任务看不到任何设备，或者框架构建时未启用 CUDA。回退到 CPU 的框架训练速度会慢很多倍。</translation>
    </message>
    <message>
        <source>GPU busy in exclusive-process mode</source>
        <translation>GPU 处于独占进程模式且已被占用</translation>
    </message>
    <message>
        <source>The GPU is in exclusive-process compute mode and another process holds it: stop that process (nvidia-smi lists it) or select a free GPU with CUDA_VISIBLE_DEVICES.</source>
        <translation>GPU 处于独占进程（exclusive-process）计算模式，且已被另一个进程占用：请停止该进程（nvidia-smi 可列出），或用 CUDA_VISIBLE_DEVICES 选择一块空闲的 GPU。</translation>
    </message>
    <message>
        <source>CPU-only build</source>
        <translation>仅 CPU 版本</translation>
    </message>
    <message>
        <source>The installed framework is a CPU-only build: install a CUDA build, e.g. pip install torch --index-url https://download.pytorch.org/whl/cu121.</source>
        <translation>已安装的框架是仅 CPU 版本：请安装 CUDA 版本，例如 pip install torch --index-url https://download.pytorch.org/whl/cu121。</translation>
    </message>
    <message>
        <source>Run nvidia-smi on the machine: if it fails, the driver is missing or broken and the machine or image has to change.</source>
        <translation>在机器上运行 nvidia-smi：如果失败，说明驱动缺失或损坏，需要更换机器或镜像。</translation>
    </message>
    <message>
        <source>In Docker, start the container with --gpus all (NVIDIA Container Toolkit installed on the host).</source>
        <translation>在 Docker 中，用 --gpus all 启动容器（宿主机需安装 NVIDIA Container Toolkit）。</translation>
    </message>
    <message>
        <source>Check that CUDA_VISIBLE_DEVICES in the job&apos;s environment is unset or names GPUs that exist.</source>
        <translation>检查任务环境中的 CUDA_VISIBLE_DEVICES：应未设置，或只指定实际存在的 GPU。</translation>
    </message>
    <message>
        <source>cuDNN version mismatch</source>
        <translation>cuDNN 版本不匹配</translation>
    </message>
    <message>
        <source>The framework was built against another cuDNN version than the one it loads on this machine; convolutions may fail or give wrong results.</source>
        <translation>框架构建时使用的 cuDNN 版本与本机加载的版本不同；卷积运算可能失败或得出错误结果。</translation>
    </message>
    <message>
        <source>built with cuDNN %1, found %2</source>
        <translation>构建时使用 cuDNN %1，实际找到 %2</translation>
    </message>
    <message>
        <source>Install the cuDNN the framework was built with (pip install nvidia-cudnn-cu12 or nvidia-cudnn-cu11 of that version), or a framework build for the cuDNN on the machine.</source>
        <translation>安装框架构建时所用版本的 cuDNN（对应版本的 pip install nvidia-cudnn-cu12 或 nvidia-cudnn-cu11），或安装与本机 cuDNN 匹配的框架版本。</translation>
    </message>
    <message>
        <source>Make sure LD_LIBRARY_PATH does not put an older system cuDNN before the one installed with the framework.</source>
        <translation>确保 LD_LIBRARY_PATH 没有把系统中较旧的 cuDNN 排在随框架安装的 cuDNN 之前。</translation>
    </message>
    <message>
        <source>Shared library not found</source>
        <translation>找不到共享库</translation>
    </message>
    <message>
        <source>A native library the framework needs (usually a CUDA, cuDNN or NCCL runtime of a specific major version) is not installed or not on the library path.</source>
        <translation>框架需要的某个本地库（通常是特定主版本的 CUDA、cuDNN 或 NCCL 运行库）未安装，或不在库搜索路径中。</translation>
    </message>
    <message>
        <source>Install the CUDA libraries of the version the framework expects: the pip wheels nvidia-cuda-runtime-cu12, nvidia-cublas-cu12, nvidia-cudnn-cu12 (cu11 for CUDA 11) or the matching CUDA toolkit.</source>
        <translation>安装框架所需版本的 CUDA 库：pip 包 nvidia-cuda-runtime-cu12、nvidia-cublas-cu12、nvidia-cudnn-cu12（CUDA 11 用 cu11），或匹配的 CUDA Toolkit。</translation>
    </message>
    <message>
        <source>Add their directory to LD_LIBRARY_PATH in the job&apos;s environment setup.</source>
        <translation>在任务的环境设置中把它们所在的目录加入 LD_LIBRARY_PATH。</translation>
    </message>
    <message>
        <source>Or install a framework build that bundles its CUDA libraries (PyTorch pip wheels do).</source>
        <translation>或者安装自带 CUDA 库的框架版本（PyTorch 的 pip 包就是如此）。</translation>
    </message>
    <message>
        <source>Shared memory (/dev/shm) too small</source>
        <translation>共享内存（/dev/shm）太小</translation>
    </message>
    <message>
        <source>DataLoader workers and NCCL pass data through /dev/shm. Containers get 64 MiB by default, far less than a few batches of images.</source>
        <translation>DataLoader 工作进程和 NCCL 通过 /dev/shm 传递数据。容器默认只有 64 MiB，远远放不下几批图像。</translation>
    </message>
    <message>
        <source>Give the container more shared memory: docker run --shm-size=16g, or --ipc=host.</source>
        <translation>为容器分配更多共享内存：docker run --shm-size=16g，或 --ipc=host。</translation>
    </message>
    <message>
        <source>Check the size with df -h /dev/shm.</source>
        <translation>用 df -h /dev/shm 查看大小。</translation>
    </message>
    <message>
        <source>If it cannot be changed: fewer DataLoader workers (num_workers=0 to confirm), torch.multiprocessing.set_sharing_strategy(&apos;file_system&apos;), and NCCL_SHM_DISABLE=1 for NCCL.</source>
        <translation>如果无法修改：减少 DataLoader 工作进程（可用 num_workers=0 验证），使用 torch.multiprocessing.set_sharing_strategy(&apos;file_system&apos;)，NCCL 则设置 NCCL_SHM_DISABLE=1。</translation>
    </message>
    <message>
        <source>Disk quota exceeded</source>
        <translation>超出磁盘配额</translation>
    </message>
    <message>
        <source>Disk full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <source>Writing failed because the disk (or your quota) is full, usually while saving a checkpoint: a half-written checkpoint is not usable.</source>
        <translation>磁盘（或您的配额）已满导致写入失败，通常发生在保存检查点时：写了一半的检查点无法使用。</translation>
    </message>
    <message>
        <source>See which disk is full: df -h, and what fills it: du -sh * | sort -h.</source>
        <translation>用 df -h 查看哪个磁盘满了，用 du -sh * | sort -h 查看是什么占满了它。</translation>
    </message>
    <message>
        <source>Delete old checkpoints and keep only the last few (save_total_limit for the Hugging Face Trainer).</source>
        <translation>删除旧检查点，只保留最近几个（Hugging Face Trainer 可用 save_total_limit）。</translation>
    </message>
    <message>
        <source>Clear caches: pip cache purge, conda clean -a, ~/.cache/huggingface.</source>
        <translation>清理缓存：pip cache purge、conda clean -a、~/.cache/huggingface。</translation>
    </message>
    <message>
        <source>Write checkpoints and caches to the large data disk of the machine (many providers mount it separately from a small system disk), or rent more disk.</source>
        <translation>把检查点和缓存写到机器的大容量数据盘（许多服务商将其与较小的系统盘分开挂载），或租用更多磁盘空间。</translation>
    </message>
    <message>
        <source>Illegal GPU memory access</source>
        <translation>非法访问 GPU 显存</translation>
    </message>
    <message>
        <source>A GPU kernel read or wrote memory it does not own. CUDA reports this asynchronously, so the traceback often points at a later, innocent line. Common causes: an index out of range (token ids, labels), a bug in a custom or fused kernel, or faulty hardware.</source>
        <translation>GPU kernel 读写了不属于它的显存。CUDA 以异步方式报告此错误，因此 traceback 往往指向之后某个无关的代码行。常见原因：索引越界（token id、标签）、自定义或融合 kernel 中的 bug，或硬件故障。</translation>
    </message>
    <message>
        <source>Run again with CUDA_LAUNCH_BLOCKING=1 so the error is raised at the operation that caused it.</source>
        <translation>设置 CUDA_LAUNCH_BLOCKING=1 重新运行，使错误在引发它的操作处抛出。</translation>
    </message>
    <message>
        <source>Check that token ids are below the embedding size and labels below the number of classes.</source>
        <translation>检查 token id 是否小于 embedding 大小，标签是否小于类别数。</translation>
    </message>
    <message>
        <source>Turn off custom or fused kernels (flash-attention, apex, compiled extensions) to isolate them; update PyTorch and the driver.</source>
        <translation>关闭自定义或融合 kernel（flash-attention、apex、编译的扩展）以排查问题；升级 PyTorch 和驱动。</translation>
    </message>
    <message>
        <source>Locate it with compute-sanitizer python train.py on a small input.</source>
        <translation>用小规模输入运行 compute-sanitizer python train.py 来定位问题。</translation>
    </message>
    <message>
        <source>If it strikes at random steps in code that worked before, suspect the GPU: look for Xid lines in dmesg and try another machine.</source>
        <translation>如果以前正常的代码在随机的步数出错，应怀疑 GPU：在 dmesg 中查找 Xid 记录，并换一台机器试试。</translation>
    </message>
    <message>
        <source>Bad data or labels</source>
        <translation>数据或标签有误</translation>
    </message>
    <message>
        <source>A sample, label or file of the dataset is not what the model expects: a label outside the class range, a token id beyond the vocabulary, an unreadable or truncated file, or batches of different shapes.</source>
        <translation>数据集中的某个样本、标签或文件不符合模型的预期：标签超出类别范围、token id 超出词表、文件无法读取或被截断，或者各批次形状不一致。</translation>
    </message>
    <message>
        <source>Check that labels lie in [0, number of classes) and that the model&apos;s output size matches the dataset&apos;s class count.</source>
        <translation>检查标签是否在 [0, 类别数) 范围内，以及模型的输出维度是否与数据集的类别数一致。</translation>
    </message>
    <message>
        <source>Run a few batches on the CPU (or with CUDA_LAUNCH_BLOCKING=1) to get a readable Python error instead of a device-side assert.</source>
        <translation>在 CPU 上（或设置 CUDA_LAUNCH_BLOCKING=1）跑几个批次，以得到可读的 Python 错误，而不是 device-side assert。</translation>
    </message>
    <message>
        <source>Verify the dataset on the machine is complete: re-upload it, and find corrupt images or records with a quick pass over the files.</source>
        <translation>确认机器上的数据集完整：重新上传，并快速遍历一遍文件，找出损坏的图像或记录。</translation>
    </message>
    <message>
        <source>Check dataset paths: relative paths resolve from the job&apos;s working directory on the remote machine.</source>
        <translation>检查数据集路径：相对路径是相对于远程机器上任务的工作目录解析的。</translation>
    </message>
    <message>
        <source>Loss became NaN</source>
        <translation>损失变为 NaN</translation>
    </message>
    <message>
        <source>The loss or the gradients became NaN or infinite, after which training cannot recover. Usual causes: a learning rate too high, fp16 overflow, exploding gradients, or NaN/inf in the input data.</source>
        <translation>损失或梯度变成了 NaN 或无穷大，此后训练无法恢复。常见原因：学习率过高、fp16 溢出、梯度爆炸，或输入数据中含有 NaN/inf。</translation>
    </message>
    <message>
        <source>Train in bf16 instead of fp16 on Ampere or newer GPUs: it has the range of fp32, so no loss scaling and no overflow.</source>
        <translation>在 Ampere 或更新架构的 GPU 上用 bf16 代替 fp16 训练：它的数值范围与 fp32 相同，不需要损失缩放，也不会溢出。</translation>
    </message>
    <message>
        <source>fp16 loss scale collapsed to 0</source>
        <translation>fp16 损失缩放系数降到了 0</translation>
    </message>
    <message>
        <source>Lower the learning rate (for example by 10x) and add a warm-up.</source>
        <translation>降低学习率（例如降为 1/10）并加入 warm-up。</translation>
    </message>
    <message>
        <source>Clip gradients: torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0), or max_grad_norm for the Hugging Face Trainer.</source>
        <translation>梯度裁剪：torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)，Hugging Face Trainer 可用 max_grad_norm。</translation>
    </message>
    <message>
        <source>Check the data for NaN/inf and the loss for log(0) or division by zero; torch.autograd.set_detect_anomaly(True) names the operation.</source>
        <translation>检查数据中是否有 NaN/inf，损失计算中是否有 log(0) 或除以零；torch.autograd.set_detect_anomaly(True) 可指出出错的操作。</translation>
    </message>
    <message>
        <source>Resume from the last checkpoint before the loss diverged.</source>
        <translation>从损失发散之前的最后一个检查点断点续训。</translation>
    </message>
    <message>
        <source>cuBLAS/cuDNN call failed</source>
        <translation>cuBLAS/cuDNN 调用失败</translation>
    </message>
    <message>
        <source>A cuBLAS or cuDNN call failed. The status tells why: NOT_INITIALIZED is usually memory running out when the library starts, EXECUTION_FAILED and INTERNAL_ERROR often follow an earlier kernel error, NOT_SUPPORTED means the input is too large or oddly laid out.</source>
        <translation>cuBLAS 或 cuDNN 调用失败。状态码说明了原因：NOT_INITIALIZED 通常是库初始化时显存不足，EXECUTION_FAILED 和 INTERNAL_ERROR 往往是之前某个 kernel 出错的后果，NOT_SUPPORTED 表示输入太大或内存布局特殊。</translation>
    </message>
    <message>
        <source>Run again with CUDA_LAUNCH_BLOCKING=1 to find the first failing operation.</source>
        <translation>设置 CUDA_LAUNCH_BLOCKING=1 重新运行，找出第一个失败的操作。</translation>
    </message>
    <message>
        <source>Check GPU memory: a smaller batch size often makes NOT_INITIALIZED go away.</source>
        <translation>检查显存：减小批大小通常可以消除 NOT_INITIALIZED。</translation>
    </message>
    <message>
        <source>Make sure only one CUDA version&apos;s libraries are loaded: LD_LIBRARY_PATH must not point at another CUDA&apos;s libcublas or libcudnn.</source>
        <translation>确保只加载了一个 CUDA 版本的库：LD_LIBRARY_PATH 不能指向其他 CUDA 版本的 libcublas 或 libcudnn。</translation>
    </message>
    <message>
        <source>For cuDNN errors, test with torch.backends.cudnn.enabled = False to confirm, then reduce the input size.</source>
        <translation>对于 cuDNN 错误，先设置 torch.backends.cudnn.enabled = False 测试确认，再减小输入尺寸。</translation>
    </message>
    <message>
        <source>NCCL communication error</source>
        <translation>NCCL 通信错误</translation>
    </message>
    <message>
        <source>NCCL, which moves gradients between GPUs, failed. &quot;unhandled system error&quot; points at the machine (shared memory, network interfaces, InfiniBand), &quot;unhandled cuda error&quot; at a CUDA failure on one of the GPUs.</source>
        <translation>负责在 GPU 之间传输梯度的 NCCL 出错。&quot;unhandled system error&quot; 指向机器本身的问题（共享内存、网络接口、InfiniBand），&quot;unhandled cuda error&quot; 则表示某块 GPU 上发生了 CUDA 错误。</translation>
    </message>
    <message>
        <source>Run with NCCL_DEBUG=INFO to see which call failed and why.</source>
        <translation>设置 NCCL_DEBUG=INFO 运行，查看哪个调用失败以及原因。</translation>
    </message>
    <message>
        <source>Disable peer-to-peer transfers, which many rented PCIe GPUs do not support: NCCL_P2P_DISABLE=1.</source>
        <translation>关闭点对点（P2P）传输，很多租用的 PCIe GPU 不支持它：NCCL_P2P_DISABLE=1。</translation>
    </message>
    <message>
        <source>Without InfiniBand: NCCL_IB_DISABLE=1, and name the network interface with NCCL_SOCKET_IFNAME=eth0.</source>
        <translation>没有 InfiniBand 时：设置 NCCL_IB_DISABLE=1，并用 NCCL_SOCKET_IFNAME=eth0 指定网络接口。</translation>
    </message>
    <message>
        <source>In a container, give it enough shared memory (--shm-size=16g or --ipc=host).</source>
        <translation>在容器中，为其分配足够的共享内存（--shm-size=16g 或 --ipc=host）。</translation>
    </message>
    <message>
        <source>For &quot;unhandled cuda error&quot;, look for an earlier CUDA error such as out of memory on any rank.</source>
        <translation>对于 &quot;unhandled cuda error&quot;，请在各个 rank 上查找更早的 CUDA 错误，例如显存不足 (OOM)。</translation>
    </message>
    <message>
        <source>Distributed operation timed out</source>
        <translation>分布式操作超时</translation>
    </message>
    <message>
        <source>A collective operation (all-reduce, broadcast) waited longer than the timeout for the other ranks. One rank failed or stalled: its own log holds the real cause (an out of memory on one rank appears as timeouts on all the others), or it was busy alone with evaluation or checkpointing.</source>
        <translation>集合通信操作（all-reduce、broadcast）等待其他 rank 的时间超过了超时时限。某个 rank 出错或卡住了：真正的原因在它自己的日志里（一个 rank 显存不足时，其他所有 rank 都会表现为超时），或者它正在单独进行评估或保存检查点。</translation>
    </message>
    <message>
        <source>timeout %1 min</source>
        <translation>超时时限 %1 分钟</translation>
    </message>
    <message>
        <source>Find the first rank that failed or stopped logging; fix that error first.</source>
        <translation>找到最先出错或停止输出日志的 rank，先解决那个错误。</translation>
    </message>
    <message>
        <source>Make every rank run the same number of steps: drop_last=True and a DistributedSampler over equally long shards.</source>
        <translation>让每个 rank 运行相同的步数：设置 drop_last=True，并用 DistributedSampler 划分等长的分片。</translation>
    </message>
    <message>
        <source>When rank 0 does long work alone, raise the timeout: init_process_group(timeout=timedelta(minutes=60)), or ddp_timeout for the Hugging Face Trainer.</source>
        <translation>当 rank 0 需要单独执行耗时工作时，请调大超时时限：init_process_group(timeout=timedelta(minutes=60))，Hugging Face Trainer 可用 ddp_timeout。</translation>
    </message>
    <message>
        <source>Run with NCCL_DEBUG=INFO; if it hangs on PCIe GPUs, try NCCL_P2P_DISABLE=1.</source>
        <translation>设置 NCCL_DEBUG=INFO 运行；如果在 PCIe GPU 上卡住，试试 NCCL_P2P_DISABLE=1。</translation>
    </message>
    <message>
        <source>File read or write error</source>
        <translation>文件读写错误</translation>
    </message>
    <message>
        <source>A file could not be read or written for another reason than a full disk: missing permission, a read-only or network file system, or a failing disk.</source>
        <translation>由于磁盘已满以外的原因无法读写文件：权限不足、只读或网络文件系统，或者磁盘故障。</translation>
    </message>
    <message>
        <source>Check that the path exists and is writable by the job&apos;s user (ls -ld on it).</source>
        <translation>检查路径是否存在，以及运行任务的用户是否有写权限（对其执行 ls -ld）。</translation>
    </message>
    <message>
        <source>Write outputs to a local, writable disk; copy data from network storage to local disk before training.</source>
        <translation>将输出写到本地可写的磁盘；训练前先把数据从网络存储复制到本地磁盘。</translation>
    </message>
    <message>
        <source>Input/output errors that repeat point to a failing disk: move to another machine.</source>
        <translation>反复出现输入/输出错误说明磁盘有故障：请换一台机器。</translation>
    </message>
    <message>
        <source>Bad command or configuration</source>
        <translation>命令或配置有误</translation>
    </message>
    <message>
        <source>The job&apos;s command, arguments or configuration do not fit the program or the machine: an unknown option, a missing script or program, a GPU index that does not exist, or a checkpoint made for another model.</source>
        <translation>任务的命令、参数或配置与程序或机器不符：未知选项、缺少脚本或程序、GPU 编号不存在，或者检查点属于另一个模型。</translation>
    </message>
    <message>
        <source>Check the command and its arguments against the script&apos;s --help.</source>
        <translation>对照脚本的 --help 检查命令及其参数。</translation>
    </message>
    <message>
        <source>A program or script that is not found: activate the environment in the job&apos;s setup, upload the script, or use its full path.</source>
        <translation>找不到程序或脚本：在任务的准备步骤中激活环境、上传脚本，或使用完整路径。</translation>
    </message>
    <message>
        <source>&quot;invalid device ordinal&quot;: ask for no more GPUs than nvidia-smi -L lists (--gpus, CUDA_VISIBLE_DEVICES).</source>
        <translation>&quot;invalid device ordinal&quot;：请求的 GPU 数量不要超过 nvidia-smi -L 列出的数量（--gpus、CUDA_VISIBLE_DEVICES）。</translation>
    </message>
    <message>
        <source>A state_dict size mismatch: the checkpoint belongs to another model configuration; load the matching one.</source>
        <translation>state_dict 尺寸不匹配：该检查点属于另一种模型配置，请加载与之匹配的检查点。</translation>
    </message>
    <message>
        <source>Training failed</source>
        <translation>训练失败</translation>
    </message>
    <message>
        <source>The job failed with an error that has no known pattern. The last error line of the log is shown as evidence.</source>
        <translation>任务因一个无法识别的错误而失败。下面显示日志中最后一条错误作为依据。</translation>
    </message>
    <message>
        <source>Read the traceback above the last error line in the job&apos;s log.</source>
        <translation>查看任务日志中最后一条错误上方的 traceback。</translation>
    </message>
    <message>
        <source>Reproduce it on a short run (few steps, small data) before renting the machine again.</source>
        <translation>再次租用机器之前，先用短时间运行（少量步数、小数据）复现问题。</translation>
    </message>
    <message>
        <source>Minimum drivers: CUDA 11.8 needs %1 (%2 with minor-version compatibility), CUDA 12.x needs %3, CUDA 13.0 needs %4.</source>
        <translation>最低驱动版本：CUDA 11.8 需要 %1（借助次版本兼容需要 %2），CUDA 12.x 需要 %3，CUDA 13.0 需要 %4。</translation>
    </message>
    <message>
        <source>Out of GPU memory</source>
        <translation>显存不足 (OOM)</translation>
    </message>
    <message>
        <source>cuBLAS/cuDNN could not allocate its workspace because the GPU memory was already used up by the model, activations and cache.</source>
        <translation>cuBLAS/cuDNN 无法分配工作空间，因为显存已被模型、激活值和缓存占满。</translation>
    </message>
    <message>
        <source>The job asked for more GPU memory than was free. Memory grows with the batch size, sequence or image size, model size and precision.</source>
        <translation>任务申请的显存超过了可用显存。显存占用随批大小、序列长度或图像尺寸、模型大小和精度而增长。</translation>
    </message>
    <message>
        <source>requested %1 GiB</source>
        <translation>申请 %1 GiB</translation>
    </message>
    <message>
        <source>%1 GiB free</source>
        <translation>可用 %1 GiB</translation>
    </message>
    <message>
        <source>%1 GiB total</source>
        <translation>共 %1 GiB</translation>
    </message>
    <message>
        <source>tensor shape [%1]</source>
        <translation>张量形状 [%1]</translation>
    </message>
    <message>
        <source>Reduce fragmentation: set PYTORCH_CUDA_ALLOC_CONF=%1 in the job&apos;s environment (PyTorch 2.1 and newer: %2).</source>
        <translation>减少显存碎片：在任务环境中设置 PYTORCH_CUDA_ALLOC_CONF=%1（PyTorch 2.1 及更新版本：%2）。</translation>
    </message>
    <message>
        <source>Reduce fragmentation: set PYTORCH_CUDA_ALLOC_CONF=%1 in the job&apos;s environment.</source>
        <translation>减少显存碎片：在任务环境中设置 PYTORCH_CUDA_ALLOC_CONF=%1。</translation>
    </message>
    <message>
        <source>One allocation of %1 GiB is larger than the whole GPU (%2 GiB): shorten sequences or images, shard the model (FSDP, DeepSpeed ZeRO) or rent a GPU with more memory.</source>
        <translation>单次申请 %1 GiB 已超过整块 GPU 的显存（%2 GiB）：请缩短序列或缩小图像、对模型进行分片（FSDP、DeepSpeed ZeRO），或租用显存更大的 GPU。</translation>
    </message>
    <message>
        <source>Other processes hold about %1 GiB of this GPU: stop them (see nvidia-smi) or use another GPU.</source>
        <translation>其他进程占用了这块 GPU 约 %1 GiB 显存：请停止这些进程（见 nvidia-smi）或改用其他 GPU。</translation>
    </message>
    <message>
        <source>Reduce the batch size: halve it until a step fits.</source>
        <translation>减小批大小：逐次减半，直到一步训练能放下。</translation>
    </message>
    <message>
        <source>Keep the effective batch size with gradient accumulation: run N smaller batches and step the optimizer every N batches.</source>
        <translation>用梯度累积保持等效批大小：运行 N 个较小的批次，每 N 个批次更新一次优化器。</translation>
    </message>
    <message>
        <source>Train in mixed precision: paddle.amp.auto_cast() with paddle.amp.GradScaler.</source>
        <translation>使用混合精度训练：paddle.amp.auto_cast() 配合 paddle.amp.GradScaler。</translation>
    </message>
    <message>
        <source>Let Paddle grow its memory pool on demand: FLAGS_allocator_strategy=auto_growth; make sure no other process uses the GPU.</source>
        <translation>让 Paddle 按需扩展显存池：FLAGS_allocator_strategy=auto_growth；并确保没有其他进程在使用该 GPU。</translation>
    </message>
    <message>
        <source>Train in mixed precision: tf.keras.mixed_precision.set_global_policy(&apos;mixed_float16&apos;).</source>
        <translation>使用混合精度训练：tf.keras.mixed_precision.set_global_policy(&apos;mixed_float16&apos;)。</translation>
    </message>
    <message>
        <source>Let TensorFlow allocate on demand: tf.config.experimental.set_memory_growth(gpu, True) or TF_FORCE_GPU_ALLOW_GROWTH=true.</source>
        <translation>让 TensorFlow 按需分配显存：tf.config.experimental.set_memory_growth(gpu, True) 或 TF_FORCE_GPU_ALLOW_GROWTH=true。</translation>
    </message>
    <message>
        <source>Compute in bfloat16 where the model allows it.</source>
        <translation>在模型允许的地方使用 bfloat16 计算。</translation>
    </message>
    <message>
        <source>Stop other processes from reserving GPU memory and let XLA take what it needs: XLA_PYTHON_CLIENT_PREALLOCATE=false, or a larger XLA_PYTHON_CLIENT_MEM_FRACTION.</source>
        <translation>不要让其他进程预留显存，让 XLA 按需获取：XLA_PYTHON_CLIENT_PREALLOCATE=false，或调大 XLA_PYTHON_CLIENT_MEM_FRACTION。</translation>
    </message>
    <message>
        <source>Train in mixed precision (AMP): torch.autocast with bf16 on Ampere or newer GPUs, fp16 with a GradScaler on older ones.</source>
        <translation>使用混合精度（AMP）训练：在 Ampere 或更新架构的 GPU 上用 torch.autocast 配合 bf16，在较老的 GPU 上用 fp16 配合 GradScaler。</translation>
    </message>
    <message>
        <source>Enable gradient checkpointing (torch.utils.checkpoint, or model.gradient_checkpointing_enable() for Hugging Face models): activations are recomputed instead of kept.</source>
        <translation>启用梯度检查点（torch.utils.checkpoint，Hugging Face 模型可用 model.gradient_checkpointing_enable()）：激活值会被重新计算而不是一直保存。</translation>
    </message>
    <message>
        <source>Release memory you no longer need: delete large tensors, call torch.cuda.empty_cache() between training and evaluation, and evaluate under torch.no_grad().</source>
        <translation>释放不再需要的显存：删除大张量，在训练和评估之间调用 torch.cuda.empty_cache()，并在 torch.no_grad() 下进行评估。</translation>
    </message>
    <message>
        <source>Rent a GPU with more memory.</source>
        <translation>租用显存更大的 GPU。</translation>
    </message>
    <message>
        <source>NVIDIA driver too old for this CUDA build</source>
        <translation>NVIDIA 驱动版本过旧，不支持此 CUDA 版本</translation>
    </message>
    <message>
        <source>The framework was built with a newer CUDA release than the installed NVIDIA driver supports. The driver cannot be upgraded from inside a container; the framework build can be changed.</source>
        <translation>框架构建时使用的 CUDA 版本比已安装的 NVIDIA 驱动所支持的更新。在容器内无法升级驱动，但可以更换框架版本。</translation>
    </message>
    <message>
        <source>driver supports CUDA %1</source>
        <translation>驱动支持 CUDA %1</translation>
    </message>
    <message>
        <source>build uses CUDA %1</source>
        <translation>构建使用 CUDA %1</translation>
    </message>
    <message>
        <source>Install a build for CUDA %1 or older, which this driver runs: %2 (older CUDA releases may need an older PyTorch release).</source>
        <translation>安装针对 CUDA %1 或更早版本构建的版本（此驱动可以运行）：%2（较早的 CUDA 版本可能需要较早的 PyTorch 版本）。</translation>
    </message>
    <message>
        <source>Install a framework build whose CUDA version is not newer than the &quot;CUDA Version&quot; nvidia-smi shows, e.g. %1.</source>
        <translation>安装 CUDA 版本不高于 nvidia-smi 所示 &quot;CUDA Version&quot; 的框架版本，例如 %1。</translation>
    </message>
    <message>
        <source>Or use a machine whose driver is at least %1 (needed by CUDA %2).</source>
        <translation>或者使用驱动版本至少为 %1 的机器（CUDA %2 的要求）。</translation>
    </message>
    <message>
        <source>Or use a machine whose driver is at least %1 (needed by CUDA %2; %3 runs it through minor-version compatibility).</source>
        <translation>或者使用驱动版本至少为 %1 的机器（CUDA %2 的要求；%3 可借助次版本兼容运行）。</translation>
    </message>
    <message>
        <source>Rent a machine or image with a newer driver; check nvidia-smi before starting the job.</source>
        <translation>租用驱动更新的机器或镜像；启动任务前先用 nvidia-smi 检查。</translation>
    </message>
    <message>
        <source>Build does not support this GPU</source>
        <translation>当前版本不支持此 GPU</translation>
    </message>
    <message>
        <source>The framework or a CUDA extension was compiled without code for this GPU&apos;s architecture, so its kernels cannot run here (typically an old build on a new GPU, or a new CUDA release that dropped an old GPU).</source>
        <translation>框架或某个 CUDA 扩展编译时没有包含此 GPU 架构的代码，因此其 kernel 无法在这里运行（通常是旧版本用在新 GPU 上，或新 CUDA 版本不再支持旧 GPU）。</translation>
    </message>
    <message>
        <source>GPU %1</source>
        <translation>GPU %1</translation>
    </message>
    <message>
        <source>build supports %1</source>
        <translation>构建支持 %1</translation>
    </message>
    <message>
        <source>CUDA %1 and newer no longer build for %2: install a CUDA %3 build, e.g. %4.</source>
        <translation>CUDA %1 及更新版本已不再支持 %2：请安装 CUDA %3 版本，例如 %4。</translation>
    </message>
    <message>
        <source>%1 needs a build made with CUDA %2 or newer: %3.</source>
        <translation>%1 需要用 CUDA %2 或更新版本构建的版本：%3。</translation>
    </message>
    <message>
        <source>Install a current framework build (e.g. %1) that includes this GPU&apos;s architecture.</source>
        <translation>安装包含此 GPU 架构的最新框架版本（例如 %1）。</translation>
    </message>
    <message>
        <source>Rebuild your own CUDA extensions for this GPU: set TORCH_CUDA_ARCH_LIST=&quot;%1.%2&quot; before building them.</source>
        <translation>为此 GPU 重新编译您自己的 CUDA 扩展：编译前设置 TORCH_CUDA_ARCH_LIST=&quot;%1.%2&quot;。</translation>
    </message>
    <message>
        <source>Rebuild your own CUDA extensions for this GPU: nvidia-smi --query-gpu=compute_cap --format=csv gives the value for TORCH_CUDA_ARCH_LIST.</source>
        <translation>为此 GPU 重新编译您自己的 CUDA 扩展：nvidia-smi --query-gpu=compute_cap --format=csv 会给出 TORCH_CUDA_ARCH_LIST 的取值。</translation>
    </message>
    <message>
        <source>Or rent a GPU that the installed build supports.</source>
        <translation>或者租用已安装版本所支持的 GPU。</translation>
    </message>
    <message>
        <source>Python module missing</source>
        <translation>缺少 Python 模块</translation>
    </message>
    <message>
        <source>The package is installed, but in a version that does not have what the code imports.</source>
        <translation>该软件包已安装，但其版本中没有代码要导入的内容。</translation>
    </message>
    <message>
        <source>Install the version the project expects: pip install -U %1, or the version pinned in its requirements.</source>
        <translation>安装项目所需的版本：pip install -U %1，或 requirements 中固定的版本。</translation>
    </message>
    <message>
        <source>The job&apos;s Python environment does not have this module: it was never installed there, or the job runs another Python than the one it was installed into.</source>
        <translation>任务的 Python 环境中没有这个模块：可能从未在该环境中安装，或者任务运行的 Python 与安装时所用的不是同一个。</translation>
    </message>
    <message>
        <source>Install PyTorch for the machine&apos;s driver: %1 (choose the cuXXX not newer than the &quot;CUDA Version&quot; of nvidia-smi).</source>
        <translation>安装与机器驱动匹配的 PyTorch：%1（选择不高于 nvidia-smi 所示 &quot;CUDA Version&quot; 的 cuXXX）。</translation>
    </message>
    <message>
        <source>Install the project&apos;s requirements in the job&apos;s setup: pip install -r requirements.txt</source>
        <translation>在任务的准备步骤中安装项目依赖：pip install -r requirements.txt</translation>
    </message>
    <message>
        <source>Make sure the job activates the environment the packages are in (venv or conda activate in the setup; which python shows the interpreter).</source>
        <translation>确保任务激活了安装这些软件包的环境（在准备步骤中激活 venv 或执行 conda activate；which python 可显示当前解释器）。</translation>
    </message>
    <message>
        <source>Out of host memory (killed)</source>
        <translation>内存不足（进程被终止）</translation>
    </message>
    <message>
        <source>The machine ran out of RAM (not GPU memory) while the job was allocating.</source>
        <translation>任务分配内存时，机器的内存（不是显存）耗尽了。</translation>
    </message>
    <message>
        <source>The process was killed with SIGKILL (exit code 137, &quot;Killed&quot;). Almost always the kernel&apos;s OOM killer because the machine&apos;s RAM (not GPU memory) ran out; otherwise someone or the provider stopped it.</source>
        <translation>进程被 SIGKILL 终止（退出码 137，&quot;Killed&quot;）。几乎总是因为机器内存（不是显存）耗尽，被内核的 OOM killer 终止；否则就是有人或服务商停止了它。</translation>
    </message>
    <message>
        <source>DataLoader worker</source>
        <translation>DataLoader 工作进程</translation>
    </message>
    <message>
        <source>Use fewer DataLoader workers (num_workers) and a smaller prefetch_factor: each worker holds its own batches and its own copy of data kept in Python objects.</source>
        <translation>减少 DataLoader 工作进程数（num_workers）并调小 prefetch_factor：每个工作进程都持有自己的批次数据，以及 Python 对象中数据的一份副本。</translation>
    </message>
    <message>
        <source>Do not load the whole dataset into RAM: read samples lazily or memory-map them (numpy.memmap, Arrow / Hugging Face datasets).</source>
        <translation>不要把整个数据集加载到内存：按需读取样本或使用内存映射（numpy.memmap、Arrow / Hugging Face datasets）。</translation>
    </message>
    <message>
        <source>Confirm in the kernel log: dmesg -T | grep -i -E &apos;killed process|oom&apos;; watch free -h while the job runs.</source>
        <translation>在内核日志中确认：dmesg -T | grep -i -E &apos;killed process|oom&apos;；任务运行时用 free -h 观察内存。</translation>
    </message>
    <message>
        <source>Rent an instance with more RAM.</source>
        <translation>租用内存更大的实例。</translation>
    </message>
    <message>
        <source>user-space driver %1, kernel module %2</source>
        <translation>用户态驱动 %1，内核模块 %2</translation>
    </message>
    <message>
        <source>nvidia-smi is not installed: this machine has no NVIDIA driver, so no GPU can be used. Choose a GPU instance or image with the NVIDIA driver, or run on the CPU.</source>
        <translation>未安装 nvidia-smi：这台机器没有 NVIDIA 驱动，因此无法使用 GPU。请选择带 NVIDIA 驱动的 GPU 实例或镜像，或者在 CPU 上运行。</translation>
    </message>
    <message>
        <source>nvidia-smi cannot talk to the NVIDIA driver: the kernel module is not loaded, often after a driver or kernel update without a reboot. Reboot the machine or reinstall the driver; on a rented machine, ask the provider or pick another one.</source>
        <translation>nvidia-smi 无法与 NVIDIA 驱动通信：内核模块未加载，常见于更新驱动或内核后没有重启。请重启机器或重新安装驱动；如果是租用的机器，请联系服务商或换一台。</translation>
    </message>
    <message>
        <source>The NVIDIA kernel module and the driver libraries have different versions, usually because the driver was upgraded while the machine kept running. Rebooting loads the matching module; in a container, the image must not bring its own driver libraries.</source>
        <translation>NVIDIA 内核模块与驱动库版本不同，通常是因为机器运行期间驱动被升级。重启即可加载匹配的模块；在容器中，镜像不能自带驱动库。</translation>
    </message>
    <message>
        <source>The NVIDIA driver is loaded but found no usable GPU: the GPU failed to initialise, is not passed through to this machine or container, or needs a newer driver. Check the kernel log (dmesg | grep NVRM) or pick another machine.</source>
        <translation>NVIDIA 驱动已加载，但没有找到可用的 GPU：GPU 初始化失败、未直通到这台机器或容器，或者需要更新的驱动。请检查内核日志（dmesg | grep NVRM）或换一台机器。</translation>
    </message>
    <message>
        <source>The GPU stopped responding and the driver marked it as lost. Only a reboot can bring it back, and a repeat points to faulty hardware: report it to the provider and resume from the last checkpoint on another machine.</source>
        <translation>GPU 停止响应，驱动已将其标记为丢失。只有重启才能恢复，如果反复出现则说明硬件有故障：请报告给服务商，并在另一台机器上从最近的检查点断点续训。</translation>
    </message>
    <message>
        <source>The GPU has fallen off the PCIe bus (a hardware, power or cooling fault). Only a reboot can bring it back: report it to the provider and resume from the last checkpoint on another machine.</source>
        <translation>GPU 已从 PCIe 总线上掉线（硬件、供电或散热故障）。只有重启才能恢复：请报告给服务商，并在另一台机器上从最近的检查点断点续训。</translation>
    </message>
    <message>
        <source>nvidia-smi could not initialise NVML. In a container this often means the GPU devices were taken away after a host service reload; restarting the container or the machine usually restores them.</source>
        <translation>nvidia-smi 无法初始化 NVML。在容器中，这通常意味着宿主机服务重新加载后 GPU 设备被移除了；重启容器或机器通常可以恢复。</translation>
    </message>
    <message>
        <source>Install a CUDA 11.8 build, which this CUDA %1 driver runs through minor-version compatibility: %2.</source>
        <translation>安装 CUDA 11.8 版本，此 CUDA %1 驱动可借助次版本兼容运行它：%2。</translation>
    </message>
</context>
<context>
    <name>td::DiagnosisCards</name>
    <message>
        <source>The line of the log this finding is based on</source>
        <translation>此诊断结论所依据的日志行</translation>
    </message>
</context>
<context>
    <name>td::DownloadPanel</name>
    <message>
        <source>Download from the machine</source>
        <translation>从机器下载</translation>
    </message>
    <message>
        <source>A folder or a file, e.g. ~/.traindeck/jobs</source>
        <translation>文件夹或文件，例如 ~/.traindeck/jobs</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>On the machine:</source>
        <translation>机器上的路径：</translation>
    </message>
    <message>
        <source>Into this folder:</source>
        <translation>下载到此文件夹：</translation>
    </message>
    <message>
        <source>Download ▼</source>
        <translation>下载 ▼</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Continue the failed download: finished files are kept, a cut-off file continues where it stopped</source>
        <translation>继续失败的下载：已完成的文件保留，中断的文件从断点续传</translation>
    </message>
    <message>
        <source>Download Into</source>
        <translation>下载到</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Resuming…</source>
        <translation>正在继续…</translation>
    </message>
    <message>
        <source>Download from %1</source>
        <translation>从 %1 下载</translation>
    </message>
    <message>
        <source>Select a remote machine in the list to download from it.</source>
        <translation>在列表中选择一台远程机器以从中下载。</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>正在连接 %1…</translation>
    </message>
    <message>
        <source>Downloading %1…</source>
        <translation>正在下载 %1…</translation>
    </message>
    <message>
        <source>Done: %1 files, %2 received, %3 unchanged, %4 resumed (%5 in %6 s). &lt;a href=&quot;%7&quot;&gt;Open the folder&lt;/a&gt;</source>
        <translation>完成：共 %1 个文件，接收 %2 个，未变 %3 个，续传 %4 个（%5，用时 %6 秒）。&lt;a href=&quot;%7&quot;&gt;打开文件夹&lt;/a&gt;</translation>
    </message>
    <message>
        <source>Cancelled. Resume continues where it stopped.</source>
        <translation>已取消。点“继续”可从中断处续传。</translation>
    </message>
    <message>
        <source>The download failed: %1</source>
        <translation>下载失败：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) changed while they were read (a running job?): you have an earlier version; download again later for the final one.</source>
        <translation>
            <numerusform>%n 个文件在读取时仍在变化（任务还在运行？）：收到的是较早的版本；请稍后再次下载以获得最终版本。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>td::EngineBuild</name>
    <message>
        <source>CMake %1 or newer (none found)</source>
        <translation>CMake %1 或更新版本（未找到）</translation>
    </message>
    <message>
        <source>CMake %1 or newer (the machine has %2)</source>
        <translation>CMake %1 或更新版本（机器上为 %2）</translation>
    </message>
    <message>
        <source>an unknown version</source>
        <translation>未知版本</translation>
    </message>
    <message>
        <source>a C++17 compiler (c++ or g++)</source>
        <translation>C++17 编译器（c++ 或 g++）</translation>
    </message>
    <message>
        <source>a C compiler (cc or gcc)</source>
        <translation>C 编译器（cc 或 gcc）</translation>
    </message>
    <message>
        <source>the OpenBLAS development files (cblas.h and libopenblas.so, package libopenblas-dev or openblas-devel)</source>
        <translation>OpenBLAS 开发文件（cblas.h 和 libopenblas.so，软件包 libopenblas-dev 或 openblas-devel）</translation>
    </message>
    <message>
        <source>the zlib development files (zlib.h, package zlib1g-dev or zlib-devel)</source>
        <translation>zlib 开发文件（zlib.h，软件包 zlib1g-dev 或 zlib-devel）</translation>
    </message>
    <message>
        <source>the CUDA compiler nvcc</source>
        <translation>CUDA 编译器 nvcc</translation>
    </message>
    <message>
        <source>nvcc %1 or newer (the machine has %2)</source>
        <translation>nvcc %1 或更新版本（机器上为 %2）</translation>
    </message>
    <message>
        <source>a CUDA toolkit that still supports the GPU (sm_%1; the machine&apos;s CUDA %2 builds for sm_%3 and newer)</source>
        <translation>仍支持该 GPU 的 CUDA 工具包（sm_%1；机器上的 CUDA %2 只能为 sm_%3 及更新架构编译）</translation>
    </message>
    <message>
        <source>Archive error.</source>
        <translation>归档出错。</translation>
    </message>
    <message>
        <source>Could not unpack the engine source on the machine (exit status %1): %2</source>
        <translation>无法在机器上解压引擎源码（退出状态 %1）：%2</translation>
    </message>
</context>
<context>
    <name>td::EngineConfig</name>
    <message>
        <source>Unknown model &quot;%1&quot;. Choose one of: %2.</source>
        <translation>未知模型“%1”。请选择以下之一：%2。</translation>
    </message>
    <message>
        <source>Unknown precision &quot;%1&quot;. Choose fp32, fp16 or bf16.</source>
        <translation>未知精度“%1”。请选择 fp32、fp16 或 bf16。</translation>
    </message>
    <message>
        <source>Epochs must be between 1 and 1000.</source>
        <translation>轮次 (epoch) 必须在 1 到 1000 之间。</translation>
    </message>
    <message>
        <source>Batch size must be between 1 and 65536.</source>
        <translation>批大小必须在 1 到 65536 之间。</translation>
    </message>
    <message>
        <source>Learning rate must be a positive number no larger than 10.</source>
        <translation>学习率必须是不大于 10 的正数。</translation>
    </message>
    <message>
        <source>Limits and thread counts cannot be negative.</source>
        <translation>数量限制和线程数不能为负数。</translation>
    </message>
    <message>
        <source>Unknown device &quot;%1&quot;. Use cpu or cuda.</source>
        <translation>未知设备“%1”。请使用 cpu 或 cuda。</translation>
    </message>
    <message>
        <source>The dataset folder %1 does not exist. Install the package dataset-fashion-mnist or choose a folder with the IDX files.</source>
        <translation>数据集文件夹 %1 不存在。请安装 dataset-fashion-mnist 软件包，或选择包含 IDX 文件的文件夹。</translation>
    </message>
    <message>
        <source>The dataset folder %1 lacks: %2.</source>
        <translation>数据集文件夹 %1 缺少：%2。</translation>
    </message>
</context>
<context>
    <name>td::EngineSetup</name>
    <message>
        <source>The bundled engine cannot start on this machine: it needs the C library glibc %1 or newer, and the machine has %2.

Remedy: choose a newer system image (for example Ubuntu 22.04 or later) in the provider&apos;s console, or run your own training command with the Script job mode.</source>
        <translation>内置引擎无法在这台机器上启动：它需要 C 库 glibc %1 或更新版本，而这台机器的版本是 %2。

解决办法：在服务商控制台中选择更新的系统镜像（例如 Ubuntu 22.04 或更高版本），或使用“脚本”任务模式运行您自己的训练命令。</translation>
    </message>
    <message>
        <source>an older one</source>
        <translation>更旧的版本</translation>
    </message>
    <message>
        <source>The bundled engine cannot run on this machine (it is built for x86-64 Linux): %1

Remedy: use an x86-64 Linux instance, or run your own training command with the Script job mode.</source>
        <translation>内置引擎无法在这台机器上运行（它是为 x86-64 Linux 构建的）：%1

解决办法：使用 x86-64 Linux 实例，或使用“脚本”任务模式运行您自己的训练命令。</translation>
    </message>
    <message>
        <source>The bundled engine did not start on this machine (exit status %1): %2

Remedy: run your own training command with the Script job mode, or check the machine&apos;s log in a terminal.</source>
        <translation>内置引擎未能在这台机器上启动（退出状态 %1）：%2

解决办法：使用“脚本”任务模式运行您自己的训练命令，或在终端中查看机器的日志。</translation>
    </message>
    <message>
        <source>no output</source>
        <translation>无输出</translation>
    </message>
    <message>
        <source>The engine can only train on this machine&apos;s CPU: %1.</source>
        <translation>引擎只能使用这台机器的 CPU 训练：%1。</translation>
    </message>
    <message>
        <source>no usable GPU</source>
        <translation>没有可用的 GPU</translation>
    </message>
    <message>
        <source>The bundled engine cannot use this machine&apos;s GPU: %1.

Remedy: choose an image with a newer NVIDIA driver in the provider&apos;s console, or build the engine from source on the machine, or run your own training command with the Script job mode.</source>
        <translation>内置引擎无法使用这台机器的 GPU：%1。

解决办法：在服务商控制台中选择带更新 NVIDIA 驱动的镜像，或在该机器上从源码构建引擎，或使用“脚本”任务模式运行您自己的训练命令。</translation>
    </message>
    <message>
        <source>doctor exit status %1</source>
        <translation>doctor 退出状态 %1</translation>
    </message>
    <message>
        <source>The training engine traindeck-engine was not found next to the application. Rebuild TrainDeck or set TRAINDECK_ENGINE.</source>
        <translation>在应用程序所在目录中找不到训练引擎 traindeck-engine。请重新构建 TrainDeck 或设置 TRAINDECK_ENGINE。</translation>
    </message>
    <message>
        <source>The engine file must be named %1.</source>
        <translation>引擎文件必须命名为 %1。</translation>
    </message>
    <message>
        <source>The dataset folder %1 does not exist on the machine. Upload the dataset on the Upload page (for example to ~/.traindeck/data/fashion-mnist) and enter that folder as the dataset.</source>
        <translation>机器上不存在数据集文件夹 %1。请在“上传”页面上传数据集（例如上传到 ~/.traindeck/data/fashion-mnist），并将该文件夹填为数据集。</translation>
    </message>
    <message>
        <source>The dataset folder %1 on the machine lacks: %2.</source>
        <translation>机器上的数据集文件夹 %1 缺少：%2。</translation>
    </message>
    <message>
        <source>The bundled engine cannot start on this machine: the library %1 is missing.

Remedy: %2, or run your own training command with the Script job mode.</source>
        <translation>内置引擎无法在这台机器上启动：缺少库 %1。

解决办法：%2，或使用“脚本”任务模式运行你自己的训练命令。</translation>
    </message>
    <message>
        <source>install it (apt install libopenblas0-pthread)</source>
        <translation>安装它（apt install libopenblas0-pthread）</translation>
    </message>
    <message>
        <source>install the CUDA toolkit&apos;s cuBLAS, or use an image with PyTorch for CUDA (it ships cuBLAS)</source>
        <translation>安装 CUDA 工具包中的 cuBLAS，或使用带 CUDA 版 PyTorch 的镜像（其中自带 cuBLAS）</translation>
    </message>
    <message>
        <source>install the package that provides it</source>
        <translation>请安装提供该库的软件包</translation>
    </message>
    <message>
        <source>Checking the machine&apos;s build tools…</source>
        <translation>正在检查机器上的编译工具…</translation>
    </message>
    <message>
        <source>The engine cannot be built on the machine, which lacks %1; the bundled engine is used instead. TrainDeck installs nothing on the machine: install these there to have the engine built for its own driver and GPU.</source>
        <translation>无法在机器上编译引擎，机器缺少 %1；改用内置引擎。TrainDeck 不会在机器上安装任何软件：在机器上安装这些后，即可针对其驱动和 GPU 编译引擎。</translation>
    </message>
    <message>
        <source>This TrainDeck build carries no engine source; the bundled engine is used.</source>
        <translation>此 TrainDeck 版本未附带引擎源码；使用内置引擎。</translation>
    </message>
    <message>
        <source>Using the engine built earlier on the machine.</source>
        <translation>使用先前在机器上编译的引擎。</translation>
    </message>
    <message numerus="yes">
        <source>Uploading the engine source (%n files)…</source>
        <translation>
            <numerusform>正在上传引擎源码（%n 个文件）…</numerusform>
        </translation>
    </message>
    <message>
        <source>Building the engine on the machine with CUDA %1 for %2…</source>
        <translation>正在机器上用 CUDA %1 为 %2 编译引擎…</translation>
    </message>
    <message>
        <source>Building the engine on the machine (CPU backend only)…</source>
        <translation>正在机器上编译引擎（仅 CPU 后端）…</translation>
    </message>
    <message>
        <source>Building the engine on the machine failed (exit status %1), so the bundled engine is used instead.%2

Last lines of the build output:
%3</source>
        <translation>在机器上编译引擎失败（退出状态 %1），因此改用内置引擎。%2

编译输出的最后几行：
%3</translation>
    </message>
    <message>
        <source>
First error: %1</source>
        <translation>
第一个错误：%1</translation>
    </message>
    <message>
        <source>The engine built on the machine does not start (exit status %1: %2), so the bundled engine is used instead.</source>
        <translation>在机器上编译的引擎无法启动（退出状态 %1：%2），因此改用内置引擎。</translation>
    </message>
</context>
<context>
    <name>td::FingerprintDialog</name>
    <message>
        <source>New Host Key</source>
        <translation>新的主机密钥</translation>
    </message>
    <message>
        <source>&lt;b&gt;TrainDeck has not connected to %1 before.&lt;/b&gt;&lt;br&gt;Before trusting it, make sure this is really your machine.</source>
        <translation>&lt;b&gt;TrainDeck 之前从未连接过 %1。&lt;/b&gt;&lt;br&gt;信任之前，请确认这确实是您的机器。</translation>
    </message>
    <message>
        <source>Host:</source>
        <translation>主机:</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>端口:</translation>
    </message>
    <message>
        <source>Key type:</source>
        <translation>密钥类型:</translation>
    </message>
    <message>
        <source>Fingerprint:</source>
        <translation>指纹:</translation>
    </message>
    <message>
        <source>Compare the fingerprint with the one your provider&apos;s console shows for this instance (or run “ssh-keygen -lf /etc/ssh/ssh_host_%1_key.pub” on it through the web terminal). If you trust the key, TrainDeck records it in %2 and refuses to connect if it ever changes.</source>
        <translation>请将此指纹与服务商控制台中该实例显示的指纹核对（或通过网页终端在实例上运行“ssh-keygen -lf /etc/ssh/ssh_host_%1_key.pub”）。如果您信任此密钥，TrainDeck 会将其记录到 %2，今后一旦密钥变化将拒绝连接。</translation>
    </message>
    <message>
        <source>known_hosts</source>
        <translation>known_hosts</translation>
    </message>
    <message>
        <source>Trust This Key</source>
        <translation>信任此密钥</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>拒绝</translation>
    </message>
</context>
<context>
    <name>td::GpuChart</name>
    <message>
        <source>Which GPU reading to plot, one curve per GPU</source>
        <translation>要绘制的 GPU 读数，每块 GPU 一条曲线</translation>
    </message>
    <message>
        <source>No GPU samples for this job: it ran on the CPU, or the machine did not report GPU readings.</source>
        <translation>该任务没有 GPU 采样数据：它在 CPU 上运行，或者机器没有上报 GPU 读数。</translation>
    </message>
    <message>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message numerus="yes">
        <source>%n GPU(s)</source>
        <translation>
            <numerusform>%n 块 GPU</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>td::GpuChartView</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Utilisation (%)</source>
        <translation>利用率 (%)</translation>
    </message>
    <message>
        <source>Memory used (MiB)</source>
        <translation>已用显存 (MiB)</translation>
    </message>
    <message>
        <source>Memory used (%)</source>
        <translation>已用显存 (%)</translation>
    </message>
    <message>
        <source>Temperature (°C)</source>
        <translation>温度 (°C)</translation>
    </message>
    <message>
        <source>Power draw (W)</source>
        <translation>功耗 (W)</translation>
    </message>
    <message>
        <source>GPU %1</source>
        <translation>GPU %1</translation>
    </message>
    <message>
        <source>No readings of this kind: the GPU or its driver does not report it</source>
        <translation>没有此类读数：GPU 或其驱动不提供该数据</translation>
    </message>
</context>
<context>
    <name>td::HistoryPanel</name>
    <message>
        <source>Search jobs (machine, model, status…)</source>
        <translation>搜索任务（机器、模型、状态…）</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Open in Dashboard</source>
        <translation>在仪表盘中打开</translation>
    </message>
    <message>
        <source>Run Again</source>
        <translation>再次运行</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Download Results…</source>
        <translation>下载结果…</translation>
    </message>
    <message>
        <source>Copy the job&apos;s folder (checkpoints, log, metrics) from its machine to this computer</source>
        <translation>把任务文件夹（检查点、日志、指标）从其机器复制到本机</translation>
    </message>
</context>
<context>
    <name>td::JobHistoryModel</name>
    <message>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>Uploading</source>
        <translation>上传中</translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>启动中</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Stopping</source>
        <translation>停止中</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>已失联</translation>
    </message>
    <message>
        <source>Local</source>
        <translation>本机</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n epoch(s)</source>
        <translation>
            <numerusform>%1 · %n 轮</numerusform>
        </translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Machine</source>
        <translation>机器</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Test accuracy</source>
        <translation>测试准确率</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>费用</translation>
    </message>
</context>
<context>
    <name>td::JobService</name>
    <message>
        <source>The application ended while this local job was running</source>
        <translation>本地任务运行期间应用程序已退出</translation>
    </message>
    <message>
        <source>The training engine traindeck-engine was not found next to the application or on PATH. Rebuild TrainDeck or set TRAINDECK_ENGINE.</source>
        <translation>在应用程序所在目录和 PATH 中都找不到训练引擎 traindeck-engine。请重新构建 TrainDeck 或设置 TRAINDECK_ENGINE。</translation>
    </message>
    <message>
        <source>Cannot create the job folder %1.</source>
        <translation>无法创建任务文件夹 %1。</translation>
    </message>
    <message>
        <source>Unknown machine &quot;%1&quot;.</source>
        <translation>未知机器“%1”。</translation>
    </message>
    <message>
        <source>traindeck-engine is not installed on %1 yet.</source>
        <translation>%1 上尚未安装 traindeck-engine。</translation>
    </message>
    <message>
        <source>The job has no command.</source>
        <translation>该任务没有命令。</translation>
    </message>
    <message>
        <source>Job %1 is already followed.</source>
        <translation>任务 %1 已在跟踪中。</translation>
    </message>
    <message>
        <source>No job &quot;%1&quot;.</source>
        <translation>没有任务“%1”。</translation>
    </message>
    <message>
        <source>Job %1 has already ended.</source>
        <translation>任务 %1 已经结束。</translation>
    </message>
    <message>
        <source>Job %1 does not run on a remote machine.</source>
        <translation>任务 %1 不是在远程机器上运行的。</translation>
    </message>
    <message>
        <source>Unknown metrics format &quot;%1&quot;. Choose one of: %2.</source>
        <translation>未知的指标格式“%1”。请选择：%2。</translation>
    </message>
</context>
<context>
    <name>td::LaunchPanel</name>
    <message>
        <source>Set My Price…</source>
        <translation>设置我的价格…</translation>
    </message>
    <message>
        <source>Use the price you actually pay (kept for next time)</source>
        <translation>使用您实际支付的价格（下次仍会保留）</translation>
    </message>
    <message>
        <source>Where to train</source>
        <translation>训练位置</translation>
    </message>
    <message>
        <source>Provider:</source>
        <translation>服务商:</translation>
    </message>
    <message>
        <source>GPU tier:</source>
        <translation>GPU 规格:</translation>
    </message>
    <message>
        <source>Price:</source>
        <translation>价格:</translation>
    </message>
    <message>
        <source>Engine:</source>
        <translation>引擎:</translation>
    </message>
    <message>
        <source>Fits?</source>
        <translation>能否放下？</translation>
    </message>
    <message>
        <source>Estimated cost:</source>
        <translation>预计费用:</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>MLP (784-256-128-10)</source>
        <translation>MLP (784-256-128-10)</translation>
    </message>
    <message>
        <source>CNN (2 conv layers)</source>
        <translation>CNN（2 个卷积层）</translation>
    </message>
    <message>
        <source>Small ResNet</source>
        <translation>小型 ResNet</translation>
    </message>
    <message>
        <source>FP32</source>
        <translation>FP32</translation>
    </message>
    <message>
        <source>FP16 mixed precision</source>
        <translation>FP16 混合精度</translation>
    </message>
    <message>
        <source>BF16 mixed precision</source>
        <translation>BF16 混合精度</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>What to train</source>
        <translation>训练内容</translation>
    </message>
    <message>
        <source>Dataset:</source>
        <translation>数据集:</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>模型:</translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation>轮次 (epoch):</translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation>批大小:</translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation>学习率:</translation>
    </message>
    <message>
        <source>Precision:</source>
        <translation>精度:</translation>
    </message>
    <message>
        <source>Training images:</source>
        <translation>训练图像数:</translation>
    </message>
    <message>
        <source>CPU threads:</source>
        <translation>CPU 线程数:</translation>
    </message>
    <message>
        <source>Launch ▶</source>
        <translation>启动 ▶</translation>
    </message>
    <message>
        <source>Dataset Folder</source>
        <translation>数据集文件夹</translation>
    </message>
    <message>
        <source>Free (this computer)</source>
        <translation>免费（本机）</translation>
    </message>
    <message>
        <source>%1/h</source>
        <translation>%1/小时</translation>
    </message>
    <message>
        <source>(%1–%2)</source>
        <translation>（%1–%2）</translation>
    </message>
    <message>
        <source>(your price)</source>
        <translation>（您的价格）</translation>
    </message>
    <message>
        <source>No public price — set the price you pay</source>
        <translation>无公开价格——请设置您支付的价格</translation>
    </message>
    <message>
        <source>Source: %1 (%2)</source>
        <translation>来源：%1（%2）</translation>
    </message>
    <message>
        <source>none (CPU only)</source>
        <translation>无（仅 CPU）</translation>
    </message>
    <message>
        <source>%1 GiB × %2</source>
        <translation>%1 GiB × %2</translation>
    </message>
    <message>
        <source>Not supported by traindeck-engine (not a CUDA device)</source>
        <translation>traindeck-engine 不支持（不是 CUDA 设备）</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA, compute capability %1</source>
        <translation>CUDA，计算能力 %1</translation>
    </message>
    <message>
        <source>Unknown model</source>
        <translation>未知型号</translation>
    </message>
    <message>
        <source>Needs about %1 GiB of RAM</source>
        <translation>需要约 %1 GiB 内存</translation>
    </message>
    <message>
        <source>✔ Fits: about %1 of %2 GiB</source>
        <translation>✔ 放得下：约 %1 / %2 GiB</translation>
    </message>
    <message>
        <source>⚠ Tight: about %1 of %2 GiB. %3</source>
        <translation>⚠ 偏紧：约 %1 / %2 GiB。%3</translation>
    </message>
    <message>
        <source>✘ Does not fit: %1</source>
        <translation>✘ 放不下：%1</translation>
    </message>
    <message>
        <source>%1 for about %2</source>
        <translation>%1，约 %2</translation>
    </message>
    <message>
        <source>Runs on this computer with the bundled engine. No account needed.</source>
        <translation>使用内置引擎在本机运行，无需账号。</translation>
    </message>
    <message>
        <source>Launch on This Computer ▶</source>
        <translation>在本机启动 ▶</translation>
    </message>
    <message>
        <source>Set My Price</source>
        <translation>设置我的价格</translation>
    </message>
    <message>
        <source>Hourly price of %1 in %2 (0 removes your price):</source>
        <translation>%1 的每小时价格，单位 %2（填 0 则删除您的价格）:</translation>
    </message>
    <message>
        <source>Add Machine…</source>
        <translation>添加机器…</translation>
    </message>
    <message>
        <source>Machine:</source>
        <translation>机器:</translation>
    </message>
    <message>
        <source>GPU / VRAM:</source>
        <translation>GPU / 显存:</translation>
    </message>
    <message>
        <source>python train.py --epochs 10</source>
        <translation>python train.py --epochs 10</translation>
    </message>
    <message>
        <source>e.g. ~/.traindeck/data/project (default: the job folder)</source>
        <translation>例如 ~/.traindeck/data/project（默认：任务文件夹）</translation>
    </message>
    <message>
        <source>optional, e.g. ~/miniconda3/bin/activate</source>
        <translation>可选，例如 ~/miniconda3/bin/activate</translation>
    </message>
    <message>
        <source>The command runs detached on the machine, its output goes to the job&apos;s log. It is run as a program with arguments, not through a shell: use bash -c &apos;…&apos; for pipes.</source>
        <translation>命令在机器上以后台方式运行，输出写入任务日志。它作为带参数的程序直接运行，不经过 shell：需要管道时请用 bash -c &apos;…&apos;。</translation>
    </message>
    <message>
        <source>Script to run</source>
        <translation>要运行的脚本</translation>
    </message>
    <message>
        <source>Command:</source>
        <translation>命令:</translation>
    </message>
    <message>
        <source>Working folder:</source>
        <translation>工作文件夹:</translation>
    </message>
    <message>
        <source>Environment activate script:</source>
        <translation>环境激活脚本:</translation>
    </message>
    <message>
        <source>Training engine (bundled)</source>
        <translation>训练引擎（内置）</translation>
    </message>
    <message>
        <source>Script (your own command)</source>
        <translation>脚本（自定义命令）</translation>
    </message>
    <message>
        <source>Job:</source>
        <translation>任务:</translation>
    </message>
    <message>
        <source>%1 (%2@%3)</source>
        <translation>%1（%2@%3）</translation>
    </message>
    <message>
        <source>none added yet</source>
        <translation>尚未添加</translation>
    </message>
    <message>
        <source>%1/h (your price)</source>
        <translation>%1/小时（你的价格）</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>no NVIDIA GPU found on the machine</source>
        <translation>该机器上未找到 NVIDIA GPU</translation>
    </message>
    <message>
        <source>set when the machine is added</source>
        <translation>添加机器时设置</translation>
    </message>
    <message>
        <source>Script jobs run on remote machines: choose the provider of a machine you added.</source>
        <translation>脚本任务在远程机器上运行：请选择你已添加机器所属的服务商。</translation>
    </message>
    <message>
        <source>TrainDeck does not drive %1&apos;s cloud API: rent and release the instance in its console, and connect to it by SSH.</source>
        <translation>TrainDeck 暂不调用 %1 的云 API：请在其控制台租用和释放实例，并通过 SSH 连接。</translation>
    </message>
    <message>
        <source>Add a machine first (Machines → Add Machine…).</source>
        <translation>请先添加机器（机器 → 添加机器…）。</translation>
    </message>
    <message>
        <source>Add a machine first</source>
        <translation>请先添加机器</translation>
    </message>
    <message>
        <source>Runs on %1 over SSH and keeps running when TrainDeck closes.</source>
        <translation>通过 SSH 在 %1 上运行，关闭 TrainDeck 后仍会继续运行。</translation>
    </message>
    <message>
        <source>Your price for it: %1/h.</source>
        <translation>你的价格：%1/小时。</translation>
    </message>
    <message>
        <source>Launch on %1 ▶</source>
        <translation>在 %1 上启动 ▶</translation>
    </message>
    <message>
        <source>Enter the command to run</source>
        <translation>请输入要运行的命令</translation>
    </message>
    <message>
        <source>Recognise automatically</source>
        <translation>自动识别</translation>
    </message>
    <message>
        <source>JSON Lines on stdout</source>
        <translation>标准输出中的 JSON Lines</translation>
    </message>
    <message>
        <source>PyTorch prints (Epoch … Loss: …)</source>
        <translation>PyTorch 打印（Epoch … Loss: …）</translation>
    </message>
    <message>
        <source>PyTorch Lightning progress bar</source>
        <translation>PyTorch Lightning 进度条</translation>
    </message>
    <message>
        <source>Hugging Face Trainer logs</source>
        <translation>Hugging Face Trainer 日志</translation>
    </message>
    <message>
        <source>My own regular expression</source>
        <translation>自定义正则表达式</translation>
    </message>
    <message>
        <source>e.g. step (?&lt;step&gt;\d+) loss (?&lt;loss&gt;[0-9.]+)</source>
        <translation>例如 step (?&lt;step&gt;\d+) loss (?&lt;loss&gt;[0-9.]+)</translation>
    </message>
    <message>
        <source>Metrics in the log:</source>
        <translation>日志中的指标:</translation>
    </message>
    <message>
        <source>Expression:</source>
        <translation>表达式:</translation>
    </message>
</context>
<context>
    <name>td::LocalJobRunner</name>
    <message>
        <source>Started %1 %2</source>
        <translation>已启动 %1 %2</translation>
    </message>
    <message>
        <source>Stop requested</source>
        <translation>已请求停止</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>The engine crashed: %1</source>
        <translation>引擎崩溃：%1</translation>
    </message>
    <message>
        <source>Stopped by the user</source>
        <translation>已被用户停止</translation>
    </message>
    <message>
        <source>The engine exited without reporting the end of training</source>
        <translation>引擎退出，但未报告训练结束</translation>
    </message>
    <message>
        <source>The engine exited with code %1</source>
        <translation>引擎已退出，退出码 %1</translation>
    </message>
    <message>
        <source>Cannot start the engine %1: %2</source>
        <translation>无法启动引擎 %1：%2</translation>
    </message>
</context>
<context>
    <name>td::LogMetricExtractor</name>
    <message>
        <source>The metric expression is not a valid regular expression: %1</source>
        <translation>指标表达式不是有效的正则表达式：%1</translation>
    </message>
    <message>
        <source>it is empty</source>
        <translation>表达式为空</translation>
    </message>
    <message>
        <source>The metric expression needs a named group such as (?&lt;loss&gt;…), (?&lt;accuracy&gt;…) or (?&lt;val_loss&gt;…).</source>
        <translation>指标表达式需要命名分组，例如 (?&lt;loss&gt;…)、(?&lt;accuracy&gt;…) 或 (?&lt;val_loss&gt;…)。</translation>
    </message>
</context>
<context>
    <name>td::MachineService</name>
    <message>
        <source>Enter the host name or address of the machine.</source>
        <translation>请输入机器的主机名或地址。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a host name.</source>
        <translation>“%1”不是主机名。</translation>
    </message>
    <message>
        <source>The port must be between 1 and 65535.</source>
        <translation>端口必须在 1 到 65535 之间。</translation>
    </message>
    <message>
        <source>The hourly price cannot be negative.</source>
        <translation>每小时价格不能为负数。</translation>
    </message>
    <message>
        <source>Choose the currency of the hourly price.</source>
        <translation>请选择每小时价格的货币。</translation>
    </message>
    <message>
        <source>A connection is already being set up.</source>
        <translation>已有一个连接正在建立。</translation>
    </message>
    <message>
        <source>Unknown machine &quot;%1&quot;.</source>
        <translation>未知机器“%1”。</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>正在连接 %1…</translation>
    </message>
    <message>
        <source>Connected. Looking at the machine (OS, GPUs, drivers, tools)…</source>
        <translation>已连接。正在检测机器（操作系统、GPU、驱动、工具）…</translation>
    </message>
    <message>
        <source>no NVIDIA GPU found</source>
        <translation>未找到 NVIDIA GPU</translation>
    </message>
    <message numerus="yes">
        <source>%n GPU(s): %1</source>
        <translation>
            <numerusform>%n 块 GPU：%1</numerusform>
        </translation>
    </message>
    <message>
        <source>Added machine %1 (%2), host key %3 trusted; %4</source>
        <translation>已添加机器 %1（%2），已信任主机密钥 %3；%4</translation>
    </message>
    <message>
        <source>Checked machine %1 again; %2</source>
        <translation>已重新检测机器 %1；%2</translation>
    </message>
    <message numerus="yes">
        <source>Removed machine %1 (%2:%3); %n job(s) kept in the history</source>
        <translation>
            <numerusform>已移除机器 %1（%2:%3）；%n 个任务保留在历史记录中</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose the private key whose public key the provider installed (its console shows how to add one), or enter the password from the provider&apos;s console.</source>
        <translation>请选择其公钥已由服务商安装的私钥（服务商控制台中有添加方法），或输入服务商控制台中显示的密码。</translation>
    </message>
    <message>
        <source>The server does not accept the key %1. Check that its public key (%1.pub) is in ~/.ssh/authorized_keys on the machine, or choose another key or the password from the provider&apos;s console.</source>
        <translation>服务器不接受密钥 %1。请检查其公钥（%1.pub）是否已在机器的 ~/.ssh/authorized_keys 中，或选择其他密钥，或使用服务商控制台中的密码。</translation>
    </message>
    <message>
        <source>Check the host and port in the provider&apos;s console: rented instances get a new address or port when they are restarted.</source>
        <translation>请在服务商控制台中核对主机和端口：租用的实例重启后地址或端口可能会变。</translation>
    </message>
    <message>
        <source>TrainDeck trusts a machine&apos;s key only when you add it; add the machine again if it was reinstalled.</source>
        <translation>TrainDeck 只在您添加机器时信任其密钥；如果机器重装了系统，请重新添加。</translation>
    </message>
</context>
<context>
    <name>td::MachinesPanel</name>
    <message>
        <source>Machines</source>
        <translation>机器</translation>
    </message>
    <message>
        <source>Local · %1 (this computer)</source>
        <translation>本机 · %1（此电脑）</translation>
    </message>
    <message>
        <source>running %1:%2:%3</source>
        <translation>运行中 %1:%2:%3</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>Local (this computer)</source>
        <translation>本机（此电脑）</translation>
    </message>
    <message>
        <source>+ Add Machine…</source>
        <translation>+ 添加机器…</translation>
    </message>
    <message>
        <source>Connect to a rented instance or any Linux machine by SSH</source>
        <translation>通过 SSH 连接租用的实例或任意 Linux 机器</translation>
    </message>
    <message>
        <source>%1× %2</source>
        <translation>%1× %2</translation>
    </message>
    <message>
        <source>%1 %2/h</source>
        <translation>%1 %2/小时</translation>
    </message>
    <message>
        <source>⚠ no GPU</source>
        <translation>⚠ 无 GPU</translation>
    </message>
    <message>
        <source>unreachable</source>
        <translation>无法连接</translation>
    </message>
</context>
<context>
    <name>td::MainWindow</name>
    <message>
        <source>TrainDeck</source>
        <translation>TrainDeck</translation>
    </message>
    <message>
        <source>&amp;Launch</source>
        <translation>启动(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation>仪表盘(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>历史记录(&amp;H)</translation>
    </message>
    <message>
        <source>Could not save to the database: %1</source>
        <translation>无法保存到数据库：%1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;Data Folder</source>
        <translation>打开数据文件夹(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Machines</source>
        <translation>机器(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Jobs</source>
        <translation>任务(&amp;J)</translation>
    </message>
    <message>
        <source>&amp;Launch Training</source>
        <translation>启动训练(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Stop Job</source>
        <translation>停止任务(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Launch</source>
        <translation>启动</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>仪表盘</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About TrainDeck</source>
        <translation>关于 TrainDeck(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>Cannot Launch</source>
        <translation>无法启动</translation>
    </message>
    <message>
        <source>Job %1 failed: %2</source>
        <translation>任务 %1 失败：%2</translation>
    </message>
    <message>
        <source>Delete Job</source>
        <translation>删除任务</translation>
    </message>
    <message>
        <source>Stop the job before deleting it.</source>
        <translation>请先停止任务再删除。</translation>
    </message>
    <message>
        <source>Delete job %1 from the history? Its metrics and log in TrainDeck&apos;s data folder are removed; files on remote machines are not touched.</source>
        <translation>从历史记录中删除任务 %1？TrainDeck 数据文件夹中该任务的指标和日志将被删除；远程机器上的文件不受影响。</translation>
    </message>
    <message>
        <source>Job deleted from history</source>
        <translation>已从历史记录中删除任务</translation>
    </message>
    <message>
        <source>That job is not running.</source>
        <translation>该任务未在运行。</translation>
    </message>
    <message>
        <source>Spend: %1 %2/h · %3 %2 so far</source>
        <translation>费用：%1 %2/小时 · 已花费 %3 %2</translation>
    </message>
    <message>
        <source>No job running</source>
        <translation>没有正在运行的任务</translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) running</source>
        <translation>
            <numerusform>%n 个任务正在运行</numerusform>
        </translation>
    </message>
    <message>
        <source>About TrainDeck</source>
        <translation>关于 TrainDeck</translation>
    </message>
    <message>
        <source>&lt;h3&gt;TrainDeck %1&lt;/h3&gt;&lt;p&gt;Train neural networks on rented cloud GPUs: pick a GPU, upload, launch, watch, download, release.&lt;/p&gt;&lt;p&gt;Licensed under the GNU General Public License, version 3 or later.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;TrainDeck（训练台）%1&lt;/h3&gt;&lt;p&gt;在租用的云 GPU 上训练神经网络：选择 GPU、上传、启动、监控、下载、释放。&lt;/p&gt;&lt;p&gt;依据 GNU 通用公共许可证第 3 版或更高版本授权。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Quit TrainDeck</source>
        <translation>退出 TrainDeck</translation>
    </message>
    <message>
        <source>A job is running on this computer. Quitting stops it (a checkpoint is saved). Quit anyway?</source>
        <translation>本机上有任务正在运行。退出将停止该任务（会保存检查点）。仍要退出吗？</translation>
    </message>
    <message>
        <source>Added %1.</source>
        <translation>已添加 %1。</translation>
    </message>
    <message>
        <source>Key Passphrase</source>
        <translation>密钥密码短语</translation>
    </message>
    <message>
        <source>Passphrase of %1:</source>
        <translation>%1 的密码短语:</translation>
    </message>
    <message>
        <source>Job %1: %2</source>
        <translation>任务 %1：%2</translation>
    </message>
    <message>
        <source>&amp;Add Machine…</source>
        <translation>添加机器(&amp;A)…</translation>
    </message>
    <message>
        <source>Re&amp;move Machine…</source>
        <translation>移除机器(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Check Machine Again</source>
        <translation>重新检查机器(&amp;C)</translation>
    </message>
    <message>
        <source>Connect to the selected machine and look at its GPUs, drivers and tools again</source>
        <translation>连接所选机器，重新检查其 GPU、驱动和工具</translation>
    </message>
    <message>
        <source>Upload</source>
        <translation>上传</translation>
    </message>
    <message>
        <source>Add a machine first: Machines → Add Machine…</source>
        <translation>请先添加机器：机器 → 添加机器…</translation>
    </message>
    <message>
        <source>Select a remote machine in the list to remove it.</source>
        <translation>请在列表中选择要移除的远程机器。</translation>
    </message>
    <message>
        <source>Remove Machine</source>
        <translation>移除机器</translation>
    </message>
    <message>
        <source>A job is running on %1. Stop it (or wait for it to end) before removing the machine.</source>
        <translation>%1 上有任务正在运行。请先停止它（或等待其结束）再移除机器。</translation>
    </message>
    <message>
        <source>Remove %1 from TrainDeck?</source>
        <translation>从 TrainDeck 中移除 %1？</translation>
    </message>
    <message numerus="yes">
        <source>Kept: its %n job(s) in the history, with their metrics and logs.</source>
        <translation>
            <numerusform>保留：历史中的 %n 个任务及其指标和日志。</numerusform>
        </translation>
    </message>
    <message>
        <source>Not touched: the machine itself and its files. TrainDeck does not release the instance; release it in the provider&apos;s console to stop paying.</source>
        <translation>不会改动：机器本身及其文件。TrainDeck 不会释放实例；请在服务商控制台释放实例以停止计费。</translation>
    </message>
    <message>
        <source>Removed: its connection details, its upload records and a password remembered in the system keychain.</source>
        <translation>将删除：其连接信息、上传记录，以及保存在系统钥匙串中的密码。</translation>
    </message>
    <message>
        <source>Removed %1.</source>
        <translation>已移除 %1。</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Wrong password. Password for %1:</source>
        <translation>密码错误。%1 的密码:</translation>
    </message>
    <message>
        <source>Password for %1:</source>
        <translation>%1 的密码:</translation>
    </message>
    <message>
        <source>&amp;Upload / Download</source>
        <translation>上传 / 下载(&amp;U)</translation>
    </message>
    <message>
        <source>Download failed: %1</source>
        <translation>下载失败：%1</translation>
    </message>
    <message>
        <source>Downloaded %1 files (%2 received).</source>
        <translation>已下载 %1 个文件（接收 %2）。</translation>
    </message>
    <message>
        <source>Download Results of Job %1 Into</source>
        <translation>将任务 %1 的结果下载到</translation>
    </message>
    <message>
        <source>Download Results</source>
        <translation>下载结果</translation>
    </message>
    <message>
        <source>Job %1 has no folder on a remote machine TrainDeck knows.</source>
        <translation>任务 %1 在 TrainDeck 已知的远程机器上没有文件夹。</translation>
    </message>
    <message>
        <source>Downloading the results of job %1 into %2; the job is still running, files it writes later are not included.</source>
        <translation>正在将任务 %1 的结果下载到 %2；任务仍在运行，之后写入的文件不包含在内。</translation>
    </message>
    <message>
        <source>Downloading the results of job %1 into %2.</source>
        <translation>正在将任务 %1 的结果下载到 %2。</translation>
    </message>
</context>
<context>
    <name>td::MetricsChart</name>
    <message>
        <source>Step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Accuracy (%)</source>
        <translation>准确率 (%)</translation>
    </message>
    <message>
        <source>Training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>Validation loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <source>Validation accuracy</source>
        <translation>验证准确率</translation>
    </message>
    <message>
        <source>Test accuracy</source>
        <translation>测试准确率</translation>
    </message>
    <message>
        <source>Loss (log)</source>
        <translation>损失（对数）</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Samples/s</source>
        <translation>样本/秒</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>吞吐量</translation>
    </message>
    <message>
        <source>Training loss (smoothed)</source>
        <translation>训练损失（平滑）</translation>
    </message>
    <message>
        <source>Drag or wheel to zoom, middle-drag or arrow keys to pan, right-click to reset</source>
        <translation>拖动或滚轮缩放，中键拖动或方向键平移，右键单击重置</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>轮次</translation>
    </message>
</context>
<context>
    <name>td::MetricsChartBar</name>
    <message>
        <source>By step</source>
        <translation>按步数</translation>
    </message>
    <message>
        <source>By epoch</source>
        <translation>按轮次</translation>
    </message>
    <message>
        <source>Horizontal axis: training steps, or epochs (to compare runs with different batch sizes)</source>
        <translation>横轴：训练步数或轮次（用于对比不同批大小的运行）</translation>
    </message>
    <message>
        <source>Log loss</source>
        <translation>对数损失</translation>
    </message>
    <message>
        <source>Logarithmic loss axis; zero and negative values are left out</source>
        <translation>损失轴使用对数刻度；零和负值不显示</translation>
    </message>
    <message>
        <source>Smoothing of the training loss (exponential moving average); the raw curve stays, drawn fainter</source>
        <translation>训练损失的平滑程度（指数移动平均）；原始曲线仍会以较浅的颜色显示</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>吞吐量</translation>
    </message>
    <message>
        <source>Compare with…</source>
        <translation>与…对比</translation>
    </message>
    <message>
        <source>Overlay the curves of a finished job, dashed</source>
        <translation>以虚线叠加显示一个已结束任务的曲线</translation>
    </message>
    <message>
        <source>Smoothing</source>
        <translation>平滑</translation>
    </message>
    <message>
        <source>No other finished job</source>
        <translation>没有其他已结束的任务</translation>
    </message>
    <message>
        <source>Remove %1 from the chart</source>
        <translation>从图表中移除 %1</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Nothing to clear: no comparison shown</source>
        <translation>无需清除：当前未显示对比</translation>
    </message>
</context>
<context>
    <name>td::Remote</name>
    <message>
        <source>Could not create a channel on the jump host.</source>
        <translation>无法在跳板机上创建通道。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>The jump host did not open a connection to %1:%2 in time.</source>
        <translation>跳板机未能及时建立到 %1:%2 的连接。</translation>
    </message>
    <message>
        <source>The jump host refused to connect to %1:%2: %3</source>
        <translation>跳板机拒绝连接到 %1:%2：%3</translation>
    </message>
    <message>
        <source>Could not create a local socket pair.</source>
        <translation>无法创建本地套接字对。</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 不存在。</translation>
    </message>
    <message>
        <source>%1 is not a regular file.</source>
        <translation>%1 不是普通文件。</translation>
    </message>
    <message>
        <source>%1 did not answer in time.</source>
        <translation>%1 未及时响应。</translation>
    </message>
    <message>
        <source>%1 sent no host key.</source>
        <translation>%1 未发送主机密钥。</translation>
    </message>
    <message>
        <source>The host key of %1 has changed. Someone may be intercepting the connection (a man-in-the-middle attack), or the server was reinstalled or re-rented. TrainDeck refused to connect.

The server now presents %2 %3.

If your provider&apos;s web console confirms this fingerprint, remove the old line for %1 from %4 (for example with “ssh-keygen -R &apos;%1&apos; -f %4”) and connect again.</source>
        <translation>%1 的主机密钥已变更。可能有人正在拦截连接（中间人攻击），也可能是服务器重装了系统或被重新租用。TrainDeck 已拒绝连接。

服务器当前提供的是 %2 %3。

如果服务商的网页控制台确认了这个指纹，请从 %4 中删除 %1 的旧记录（例如运行“ssh-keygen -R &apos;%1&apos; -f %4”），然后重新连接。</translation>
    </message>
    <message>
        <source>The host key of %1 (%2) was not accepted.</source>
        <translation>%1 的主机密钥（%2）未被接受。</translation>
    </message>
    <message>
        <source>Could not record the host key in %1: %2</source>
        <translation>无法将主机密钥记录到 %1：%2</translation>
    </message>
    <message>
        <source>Could not check the host key against %1: %2</source>
        <translation>无法对照 %1 检查主机密钥：%2</translation>
    </message>
    <message>
        <source>agent</source>
        <translation>ssh-agent</translation>
    </message>
    <message>
        <source>password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>the default user</source>
        <translation>默认用户</translation>
    </message>
    <message>
        <source>%1 refused the login as %2 (tried: %3).</source>
        <translation>%1 拒绝以 %2 身份登录（已尝试：%3）。</translation>
    </message>
    <message>
        <source>no usable method</source>
        <translation>无可用的认证方式</translation>
    </message>
    <message>
        <source>“%1” is not a valid ssh:// address.</source>
        <translation>“%1”不是有效的 ssh:// 地址。</translation>
    </message>
    <message>
        <source>An ssh:// address cannot contain a path: “%1”.</source>
        <translation>ssh:// 地址不能包含路径：“%1”。</translation>
    </message>
    <message>
        <source>Missing “]” in “%1”.</source>
        <translation>“%1”中缺少“]”。</translation>
    </message>
    <message>
        <source>Invalid port in “%1”.</source>
        <translation>“%1”中的端口无效。</translation>
    </message>
    <message>
        <source>“%1” is not a valid user name.</source>
        <translation>“%1”不是有效的用户名。</translation>
    </message>
    <message>
        <source>“%1” is not a valid host name.</source>
        <translation>“%1”不是有效的主机名。</translation>
    </message>
    <message>
        <source>The line has an unterminated quote.</source>
        <translation>该行有未闭合的引号。</translation>
    </message>
    <message>
        <source>The line is empty.</source>
        <translation>该行为空。</translation>
    </message>
    <message>
        <source>Unexpected “%1” after the host “%2”: remove the remote command or extra text.</source>
        <translation>主机“%2”之后出现了意外的“%1”：请删除远程命令或多余的文字。</translation>
    </message>
    <message>
        <source>Unknown ssh option “-%1”.</source>
        <translation>未知的 ssh 选项“-%1”。</translation>
    </message>
    <message>
        <source>The option “-%1” needs a value.</source>
        <translation>选项“-%1”需要一个值。</translation>
    </message>
    <message>
        <source>“%1” is not a valid port (1–65535).</source>
        <translation>“%1”不是有效的端口（1–65535）。</translation>
    </message>
    <message>
        <source>The option “-o %1” has no value.</source>
        <translation>选项“-o %1”没有值。</translation>
    </message>
    <message>
        <source>ProxyCommand is not supported: TrainDeck never runs local commands to connect. Use -J (ProxyJump).</source>
        <translation>不支持 ProxyCommand：TrainDeck 从不通过运行本地命令来建立连接。请使用 -J（ProxyJump）。</translation>
    </message>
    <message>
        <source>No host found in the line.</source>
        <translation>该行中没有找到主机。</translation>
    </message>
    <message>
        <source>Could not read the SSH config file %1.</source>
        <translation>无法读取 SSH 配置文件 %1。</translation>
    </message>
    <message>
        <source>The SSH config sets a ProxyCommand for %1; TrainDeck does not run local commands to connect and ignores it.</source>
        <translation>SSH 配置为 %1 设置了 ProxyCommand；TrainDeck 不会运行本地命令来建立连接，因此忽略该设置。</translation>
    </message>
    <message>
        <source>The remote side made no progress for %1 seconds.</source>
        <translation>远程端已有 %1 秒没有进展。</translation>
    </message>
    <message>
        <source>Unexpected data from the remote command.</source>
        <translation>远程命令返回了意外的数据。</translation>
    </message>
    <message>
        <source>Writing after the end of input.</source>
        <translation>输入结束后仍在写入。</translation>
    </message>
    <message>
        <source>Timed out sending data to the remote side.</source>
        <translation>向远程端发送数据超时。</translation>
    </message>
    <message>
        <source>The remote command did not finish within %1 s.</source>
        <translation>远程命令未在 %1 秒内完成。</translation>
    </message>
    <message>
        <source>The connection to %1 was lost.</source>
        <translation>与 %1 的连接已断开。</translation>
    </message>
    <message>
        <source>The connection to %1 was lost: %2</source>
        <translation>与 %1 的连接已断开：%2</translation>
    </message>
    <message>
        <source>Could not connect to %1: %2</source>
        <translation>无法连接到 %1：%2</translation>
    </message>
    <message>
        <source>No host given.</source>
        <translation>未指定主机。</translation>
    </message>
    <message>
        <source>Could not create an SSH session.</source>
        <translation>无法创建 SSH 会话。</translation>
    </message>
    <message>
        <source>Jump host %1: %2</source>
        <translation>跳板机 %1：%2</translation>
    </message>
    <message>
        <source>The remote command contains a NUL byte.</source>
        <translation>远程命令中包含 NUL 字节。</translation>
    </message>
    <message>
        <source>The server refused to run a command: %1</source>
        <translation>服务器拒绝执行命令：%1</translation>
    </message>
    <message>
        <source>A remote command failed (exit status %1): %2</source>
        <translation>远程命令执行失败（退出状态 %1）：%2</translation>
    </message>
    <message>
        <source>The archive is damaged (bad header checksum).</source>
        <translation>归档文件已损坏（头部校验和错误）。</translation>
    </message>
    <message>
        <source>The archive has an oversized extended header.</source>
        <translation>归档文件的扩展头过大。</translation>
    </message>
    <message>
        <source>The archive has a malformed PAX header.</source>
        <translation>归档文件的 PAX 头格式错误。</translation>
    </message>
    <message>
        <source>Could not read %1.</source>
        <translation>无法读取 %1。</translation>
    </message>
    <message>
        <source>%1 shrank while it was being uploaded.</source>
        <translation>%1 在上传过程中变小了。</translation>
    </message>
    <message>
        <source>%1 changed while it was being uploaded; upload again.</source>
        <translation>%1 在上传过程中发生了变化，请重新上传。</translation>
    </message>
    <message>
        <source>Could not append to a staged file: %1</source>
        <translation>无法追加写入暂存文件：%1</translation>
    </message>
    <message>
        <source>Archive error.</source>
        <translation>归档出错。</translation>
    </message>
    <message>
        <source>The remote tar failed (exit status %1): %2</source>
        <translation>远程 tar 执行失败（退出状态 %1）：%2</translation>
    </message>
    <message>
        <source>Could not write to %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>This build has no keychain support.</source>
        <translation>此版本不支持系统钥匙串。</translation>
    </message>
    <message>
        <source>Refused the archive member “%1”: it would be written outside the download folder.</source>
        <translation>已拒绝归档成员“%1”：它会被写到下载文件夹之外。</translation>
    </message>
    <message>
        <source>Refused the archive member “%1”: links and special files are not downloaded, they could point outside the download folder.</source>
        <translation>已拒绝归档成员“%1”：不下载链接和特殊文件，它们可能指向下载文件夹之外。</translation>
    </message>
    <message>
        <source>Refused the archive member “%1”: its folder leads outside the download folder.</source>
        <translation>已拒绝归档成员“%1”：其所在文件夹指向下载文件夹之外。</translation>
    </message>
    <message>
        <source>Refused to overwrite the link %1.</source>
        <translation>已拒绝覆盖链接 %1。</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>Could not resume %1.</source>
        <translation>无法续传 %1。</translation>
    </message>
    <message>
        <source>The remote tar failed: %1</source>
        <translation>远程 tar 执行失败：%1</translation>
    </message>
    <message>
        <source>Unexpected answer from the remote shell.</source>
        <translation>远程 shell 返回了意外的响应。</translation>
    </message>
    <message>
        <source>The keychain cannot be used while TrainDeck shuts down.</source>
        <translation>TrainDeck 正在退出，无法使用钥匙串。</translation>
    </message>
    <message>
        <source>There is no file or folder “%1” on the machine.</source>
        <translation>机器上没有文件或文件夹“%1”。</translation>
    </message>
    <message>
        <source>Could not list %1 on the machine: %2</source>
        <translation>无法列出机器上的 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) arrived different from what was sent (SHA-256 check on the machine); nothing was replaced. Upload again to resend them.
%1</source>
        <translation>
            <numerusform>%n 个文件到达后与发送的内容不同（在机器上做了 SHA-256 校验）；没有替换任何文件。请重新上传以再次发送这些文件。
%1</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not check the uploaded files on the machine: %1</source>
        <translation>无法在机器上校验已上传的文件：%1</translation>
    </message>
    <message>
        <source>Could not move the uploaded files into place: %1</source>
        <translation>无法将已上传的文件移入目标位置：%1</translation>
    </message>
</context>
<context>
    <name>td::RemoteJob</name>
    <message>
        <source>Unexpected answer from the job runner: %1</source>
        <translation>任务运行器返回了意外的响应：%1</translation>
    </message>
    <message>
        <source>The job has no command.</source>
        <translation>该任务没有命令。</translation>
    </message>
    <message>
        <source>The job folder %1 is gone from the remote machine.</source>
        <translation>远程机器上的任务文件夹 %1 已不存在。</translation>
    </message>
    <message>
        <source>%1 shrank on the remote machine</source>
        <translation>%1 在远程机器上变小了</translation>
    </message>
</context>
<context>
    <name>td::RemoteJobMonitor</name>
    <message>
        <source>The job ignored SIGTERM: sent SIGKILL</source>
        <translation>任务未响应 SIGTERM：已发送 SIGKILL</translation>
    </message>
    <message>
        <source>Could not start the job: %1</source>
        <translation>无法启动任务：%1</translation>
    </message>
    <message>
        <source>Started on %1 in %2</source>
        <translation>已在 %1 上启动，目录 %2</translation>
    </message>
    <message>
        <source>Reattached to the running job</source>
        <translation>已重新连接到正在运行的任务</translation>
    </message>
    <message numerus="yes">
        <source>Connection lost (%1); the job keeps running. Reconnecting in %n second(s)…</source>
        <translation>
            <numerusform>连接已断开（%1），任务仍在运行。%n 秒后重新连接…</numerusform>
        </translation>
    </message>
    <message>
        <source>The job never started on the remote machine (no pid file).</source>
        <translation>任务从未在远程机器上启动（没有 pid 文件）。</translation>
    </message>
    <message>
        <source>Stop requested</source>
        <translation>已请求停止</translation>
    </message>
    <message>
        <source>Stopped by the user</source>
        <translation>已被用户停止</translation>
    </message>
    <message>
        <source>The job exited with code %1</source>
        <translation>任务已退出，退出码 %1</translation>
    </message>
    <message>
        <source>The job&apos;s processes are gone without an exit status: they were killed (out of memory, a reboot, someone else) or the machine restarted.</source>
        <translation>任务进程已消失且没有退出状态：它们被终止了（内存不足、重启或被他人终止），或者机器重启了。</translation>
    </message>
</context>
<context>
    <name>td::RemoteLaunchFlow</name>
    <message>
        <source>Add a machine first: the selected machine is not stored.</source>
        <translation>请先添加机器：所选机器尚未保存。</translation>
    </message>
    <message>
        <source>Preparing the engine on %1…</source>
        <translation>正在 %1 上准备引擎…</translation>
    </message>
    <message>
        <source>Uploading the engine: %1 of %2</source>
        <translation>正在上传引擎：%1 / %2</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Could not prepare the engine on %1: %2</source>
        <translation>无法在 %1 上准备引擎：%2</translation>
    </message>
    <message>
        <source>Uploaded traindeck-engine to %1</source>
        <translation>已将 traindeck-engine 上传到 %1</translation>
    </message>
    <message>
        <source>Train on the CPU?</source>
        <translation>在 CPU 上训练？</translation>
    </message>
    <message>
        <source>%1

Training on %2&apos;s CPU is much slower than on a GPU, and the machine is billed all the same. Launch on the CPU anyway?</source>
        <translation>%1

在 %2 的 CPU 上训练比在 GPU 上慢得多，而机器照样计费。仍要在 CPU 上启动吗？</translation>
    </message>
    <message>
        <source>Not launched.</source>
        <translation>未启动。</translation>
    </message>
    <message>
        <source>Enter the command to run.</source>
        <translation>请输入要运行的命令。</translation>
    </message>
    <message>
        <source>The command line cannot be read: %1</source>
        <translation>无法解析命令行：%1</translation>
    </message>
    <message>
        <source>Built traindeck-engine on the machine: %1</source>
        <translation>已在机器上编译 traindeck-engine：%1</translation>
    </message>
</context>
<context>
    <name>td::Store</name>
    <message>
        <source>The TrainDeck database needs a running application object.</source>
        <translation>TrainDeck 数据库需要一个正在运行的应用程序对象。</translation>
    </message>
    <message>
        <source>No data directory for TrainDeck could be determined.</source>
        <translation>无法确定 TrainDeck 的数据目录。</translation>
    </message>
    <message>
        <source>Could not create the data directory %1: TrainDeck keeps its database there. Check that the path is a directory you may write to.</source>
        <translation>无法创建数据目录 %1：TrainDeck 的数据库存放在该目录中。请确认该路径是您有写入权限的目录。</translation>
    </message>
    <message>
        <source>The data directory %1 is not writable: TrainDeck keeps its database there.</source>
        <translation>数据目录 %1 不可写：TrainDeck 的数据库存放在该目录中。</translation>
    </message>
    <message>
        <source>Could not open the TrainDeck database %1: it is not a file.</source>
        <translation>无法打开 TrainDeck 数据库 %1：它不是文件。</translation>
    </message>
    <message>
        <source>machine %1</source>
        <translation>机器 %1</translation>
    </message>
    <message>
        <source>the removal of machine %1</source>
        <translation>机器 %1 的移除操作</translation>
    </message>
    <message>
        <source>new job %1</source>
        <translation>新任务 %1</translation>
    </message>
    <message>
        <source>job %1</source>
        <translation>任务 %1</translation>
    </message>
    <message>
        <source>there is no job %1</source>
        <translation>任务 %1 不存在</translation>
    </message>
    <message>
        <source>the deletion of job %1</source>
        <translation>任务 %1 的删除操作</translation>
    </message>
    <message numerus="yes">
        <source>%n metric line(s) of job %1</source>
        <translation>
            <numerusform>任务 %1 的 %n 条指标记录</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n GPU sample(s) of job %1</source>
        <translation>
            <numerusform>任务 %1 的 %n 条 GPU 采样</numerusform>
        </translation>
    </message>
    <message>
        <source>transfer %1</source>
        <translation>传输 %1</translation>
    </message>
    <message>
        <source>the price override for %1 %2</source>
        <translation>%1 %2 的自定义价格</translation>
    </message>
    <message>
        <source>an event of kind %1</source>
        <translation>类型为 %1 的事件</translation>
    </message>
    <message>
        <source>The database %1 has schema version %2, but this version of TrainDeck only understands versions up to %3. It was written by a newer TrainDeck: update TrainDeck or choose another data directory.</source>
        <translation>数据库 %1 的架构版本为 %2，但此版本的 TrainDeck 最高只支持版本 %3。该数据库由更新版本的 TrainDeck 写入：请更新 TrainDeck 或选择其他数据目录。</translation>
    </message>
    <message>
        <source>Could not open the TrainDeck database %1: %2</source>
        <translation>无法打开 TrainDeck 数据库 %1：%2</translation>
    </message>
    <message>
        <source>Could not upgrade the TrainDeck database %1 to schema version %2: %3</source>
        <translation>无法将 TrainDeck 数据库 %1 升级到架构版本 %2：%3</translation>
    </message>
    <message>
        <source>unknown database error</source>
        <translation>未知数据库错误</translation>
    </message>
    <message>
        <source>the Qt SQLite driver is missing</source>
        <translation>缺少 Qt SQLite 驱动</translation>
    </message>
    <message>
        <source>Could not save %1 to %2: %3</source>
        <translation>无法将 %1 保存到 %2：%3</translation>
    </message>
</context>
<context>
    <name>td::TerminalInteraction</name>
    <message>
        <source>The host key of %1 is %2, not the %3 given with --accept-fingerprint.</source>
        <translation>%1 的主机密钥是 %2，而不是 --accept-fingerprint 指定的 %3。</translation>
    </message>
    <message>
        <source>First connection to %1: its host key fingerprint is %2. Without a terminal it is accepted only with --accept-fingerprint %2 (compare it with the provider&apos;s console first).</source>
        <translation>首次连接 %1：其主机密钥指纹为 %2。没有终端时，只有使用 --accept-fingerprint %2 才会接受（请先与服务商控制台中的指纹核对）。</translation>
    </message>
    <message>
        <source>The authenticity of %1 (port %2) can&apos;t be established yet.</source>
        <translation>尚无法确认 %1（端口 %2）的真实性。</translation>
    </message>
    <message>
        <source>%1 key fingerprint: %2</source>
        <translation>%1 密钥指纹：%2</translation>
    </message>
    <message>
        <source>Compare it with the provider&apos;s console. Trust this machine? [yes/no] </source>
        <translation>请与服务商控制台中的指纹核对。是否信任这台机器？[yes/no] </translation>
    </message>
    <message>
        <source>The host key was not accepted.</source>
        <translation>主机密钥未被接受。</translation>
    </message>
    <message>
        <source>Passphrase for %1: </source>
        <translation>%1 的密码短语：</translation>
    </message>
    <message>
        <source>Password for %1@%2: </source>
        <translation>%1@%2 的密码：</translation>
    </message>
</context>
<context>
    <name>td::TransferCenter</name>
    <message>
        <source>Choose files or folders to upload.</source>
        <translation>请选择要上传的文件或文件夹。</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 不存在。</translation>
    </message>
    <message>
        <source>Enter the folder on the machine to upload into.</source>
        <translation>请输入要上传到的机器上的文件夹。</translation>
    </message>
    <message>
        <source>An upload into %1 is already running.</source>
        <translation>已有上传到 %1 的任务正在进行。</translation>
    </message>
    <message>
        <source>Upload to %1 failed: %2</source>
        <translation>上传到 %1 失败：%2</translation>
    </message>
    <message>
        <source>Enter the folder or file on the machine to download.</source>
        <translation>请输入要下载的机器上的文件夹或文件。</translation>
    </message>
    <message>
        <source>Choose the folder on this computer to download into.</source>
        <translation>请选择本机上要下载到的文件夹。</translation>
    </message>
    <message>
        <source>%1 is a file, not a folder.</source>
        <translation>%1 是文件，不是文件夹。</translation>
    </message>
    <message>
        <source>Cannot create %1.</source>
        <translation>无法创建 %1。</translation>
    </message>
    <message>
        <source>A download into %1 is already running.</source>
        <translation>已有一个下载到 %1 的任务在进行。</translation>
    </message>
    <message>
        <source>There is no transfer %1.</source>
        <translation>没有传输 %1。</translation>
    </message>
    <message>
        <source>That transfer is already running.</source>
        <translation>该传输已在进行。</translation>
    </message>
    <message>
        <source>That transfer has finished.</source>
        <translation>该传输已完成。</translation>
    </message>
    <message>
        <source>The machine of that transfer was removed.</source>
        <translation>该传输所用的机器已被移除。</translation>
    </message>
    <message>
        <source>Download of %1 failed: %2</source>
        <translation>下载 %1 失败：%2</translation>
    </message>
</context>
<context>
    <name>td::TransferList</name>
    <message>
        <source>Transfers</source>
        <translation>传输</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>%1 % · %2/s</source>
        <translation>%1% · %2/s</translation>
    </message>
    <message>
        <source>running</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>%1 and %2 more</source>
        <translation>%1 及另外 %2 个</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>(removed)</source>
        <translation>（已移除）</translation>
    </message>
    <message>
        <source>%1
to %2:%3</source>
        <translation>%1
到 %2:%3</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>传输</translation>
    </message>
    <message>
        <source>%1 ← %2</source>
        <translation>%1 ← %2</translation>
    </message>
    <message>
        <source>%1:%2
into %3</source>
        <translation>%1:%2
下载到 %3</translation>
    </message>
</context>
<context>
    <name>td::UploadPanel</name>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>%1:%2 left</source>
        <translation>剩余 %1:%2</translation>
    </message>
    <message>
        <source>%1 of %2 files</source>
        <translation>%1 / %2 个文件</translation>
    </message>
    <message>
        <source>Drop files or folders here</source>
        <translation>将文件或文件夹拖放到这里</translation>
    </message>
    <message>
        <source>Drop files or folders here, or add them with the buttons. Unchanged files are skipped (SHA-256), .gitignore and .traindeckignore are honoured.</source>
        <translation>将文件或文件夹拖放到这里，或用按钮添加。未变化的文件会被跳过（SHA-256），并遵循 .gitignore 和 .traindeckignore。</translation>
    </message>
    <message>
        <source>Add Files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Add Folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Folder on the machine:</source>
        <translation>机器上的文件夹:</translation>
    </message>
    <message>
        <source>Upload ▲</source>
        <translation>上传 ▲</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Continue the failed upload: finished files are kept, a cut-off file continues where it stopped</source>
        <translation>继续失败的上传：已完成的文件保留，中断的文件从断点处续传</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件:</translation>
    </message>
    <message>
        <source>Total:</source>
        <translation>总计:</translation>
    </message>
    <message>
        <source>Files to Upload</source>
        <translation>要上传的文件</translation>
    </message>
    <message>
        <source>Folder to Upload</source>
        <translation>要上传的文件夹</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Resuming…</source>
        <translation>正在续传…</translation>
    </message>
    <message>
        <source>Upload to %1 (%2@%3)</source>
        <translation>上传到 %1（%2@%3）</translation>
    </message>
    <message>
        <source>Select a remote machine in the list to upload to it.</source>
        <translation>请在列表中选择一台远程机器作为上传目标。</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>正在连接 %1…</translation>
    </message>
    <message>
        <source>Uploading…</source>
        <translation>正在上传…</translation>
    </message>
    <message>
        <source>Done: %1 files, %2 sent, %3 unchanged, %4 resumed (%5 in %6 s).</source>
        <translation>完成：%1 个文件，已发送 %2 个，未变化 %3 个，续传 %4 个（%6 秒内传输 %5）。</translation>
    </message>
    <message>
        <source>Cancelled. Resume continues where it stopped.</source>
        <translation>已取消。点击“继续”可从中断处续传。</translation>
    </message>
    <message>
        <source>The upload failed: %1</source>
        <translation>上传失败：%1</translation>
    </message>
    <message>
        <source>Also delete on the machine what I deleted here</source>
        <translation>同时在机器上删除我在本地删除的文件</translation>
    </message>
    <message>
        <source>Only files that an earlier upload from this computer put into this folder; files made on the machine are never touched</source>
        <translation>仅限以前从本机上传到此文件夹的文件；在机器上创建的文件绝不会被改动</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) deleted on the machine.</source>
        <translation>
            <numerusform>已在机器上删除 %n 个文件。</numerusform>
        </translation>
    </message>
    <message>
        <source>Not sent (links, special files or unreadable names): %1</source>
        <translation>未发送（链接、特殊文件或无法读取的文件名）：%1</translation>
    </message>
</context>
<context>
    <name>td::VramEstimator</name>
    <message>
        <source>Fits, but only just: about %1 GiB of the GPU&apos;s %2 GiB. Memory the estimate does not see (fragmentation, library workspaces) may still run out; a smaller batch size leaves room.</source>
        <translation>勉强放得下：约占 GPU %2 GiB 中的 %1 GiB。估算未计入的显存开销（碎片、库的工作空间）仍可能导致显存不足；减小批大小可以留出余量。</translation>
    </message>
    <message>
        <source>Needs about %1 GiB of GPU memory, but the GPU has %2 GiB.</source>
        <translation>需要约 %1 GiB 显存，但该 GPU 只有 %2 GiB。</translation>
    </message>
    <message>
        <source>Use a batch size of %1 or less; gradient accumulation over %2 steps keeps the effective batch size at %3.</source>
        <translation>请将批大小设为 %1 或更小；用 %2 步梯度累积可使等效批大小保持为 %3。</translation>
    </message>
    <message>
        <source>The weights, gradients and optimizer state alone need about %1 GiB: choose a GPU with more memory.</source>
        <translation>仅权重、梯度和优化器状态就需要约 %1 GiB：请选择显存更大的 GPU。</translation>
    </message>
    <message>
        <source>Mixed precision (fp16, or bf16 on GPUs that support it) would need about %1 GiB.</source>
        <translation>使用混合精度（fp16，或在支持的 GPU 上使用 bf16）约需 %1 GiB。</translation>
    </message>
</context>
<context>
    <name>td::cli</name>
    <message>
        <source>ETA</source>
        <translation>剩余时间</translation>
    </message>
</context>
</TS>
