#include "io/checkpoint_file.h"

#include "train/train_config.h"

#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace td {
namespace {

constexpr char kMagic[] = "TDKCKPT1";
constexpr char kEndMagic[] = "TDKCKEND";

void appendU64(std::string &s, uint64_t v)
{
    for (int i = 0; i < 8; ++i)
        s += char((v >> (8 * i)) & 0xff);
}

uint64_t readU64(const unsigned char *p)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i)
        v |= uint64_t(p[i]) << (8 * i);
    return v;
}

uint32_t crc32Of(const std::string &bytes, size_t n)
{
    uLong crc = crc32(0L, Z_NULL, 0);
    size_t done = 0;
    while (done < n) {
        const uInt chunk = uInt(std::min<size_t>(n - done, 1u << 30));
        crc = crc32(crc, reinterpret_cast<const Bytef *>(bytes.data() + done), chunk);
        done += chunk;
    }
    return uint32_t(crc);
}

bool isLittleEndian()
{
    const uint16_t one = 1;
    unsigned char b;
    std::memcpy(&b, &one, 1);
    return b == 1;
}

std::string parentDirectory(const std::string &path)
{
    const size_t slash = path.find_last_of('/');
    if (slash == std::string::npos)
        return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

Status ioError(const std::string &what, const std::string &path)
{
    return {ErrorKind::Io, what + " " + path + ": " + std::strerror(errno)};
}

} // namespace

const NamedTensor *CheckpointData::find(const std::string &name) const
{
    for (const auto &t : tensors)
        if (t.name == name)
            return &t;
    return nullptr;
}

Status makeDirectories(const std::string &path)
{
    if (path.empty())
        return {ErrorKind::Config, "empty directory name"};
    std::string partial;
    size_t pos = 0;
    while (pos != std::string::npos) {
        pos = path.find('/', pos + 1);
        partial = path.substr(0, pos);
        if (partial.empty())
            continue;
        if (::mkdir(partial.c_str(), 0755) != 0 && errno != EEXIST)
            return ioError("cannot create directory", partial);
    }
    struct stat st
    {
    };
    if (::stat(path.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
        return {ErrorKind::Io, path + " exists and is not a directory"};
    return Status::ok();
}

Status writeCheckpointFile(const std::string &path, const CheckpointData &data)
{
    if (!isLittleEndian())
        return {ErrorKind::Io, "checkpoints are little-endian; big-endian hosts are unsupported"};
    JsonValue header = data.header;
    JsonValue list = JsonValue::array();
    for (const auto &t : data.tensors) {
        JsonValue entry = JsonValue::object();
        entry.set("name", JsonValue::string(t.name));
        entry.set("count", JsonValue::number(double(t.data.size())));
        list.push(std::move(entry));
    }
    header.set("tensors", std::move(list));
    const std::string headerText = header.dump();

    std::string bytes(kMagic, 8);
    appendU64(bytes, headerText.size());
    bytes += headerText;
    for (const auto &t : data.tensors)
        bytes.append(reinterpret_cast<const char *>(t.data.data()), t.data.size() * sizeof(float));
    const uint32_t crc = crc32Of(bytes, bytes.size());
    for (int i = 0; i < 4; ++i)
        bytes += char((crc >> (8 * i)) & 0xff);
    bytes.append(kEndMagic, 8);

    const std::string tmp = path + ".tmp." + std::to_string(::getpid());
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return ioError("cannot create", tmp);
    size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const Status s = ioError("cannot write", tmp);
            ::close(fd);
            ::unlink(tmp.c_str());
            return s;
        }
        done += size_t(n);
    }
    if (::fsync(fd) != 0) {
        const Status s = ioError("cannot fsync", tmp);
        ::close(fd);
        ::unlink(tmp.c_str());
        return s;
    }
    ::close(fd);
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        const Status s = ioError("cannot rename to", path);
        ::unlink(tmp.c_str());
        return s;
    }
    // The rename is durable only once the directory entry is on disk.
    const int dirFd = ::open(parentDirectory(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd >= 0) {
        ::fsync(dirFd);
        ::close(dirFd);
    }
    return Status::ok();
}

Status readCheckpointFile(const std::string &path, CheckpointData &data)
{
    std::string bytes;
    TD_RETURN_IF_ERROR(readTextFile(path, bytes, ErrorKind::Io));
    auto damaged = [&](const std::string &why) {
        return Status(ErrorKind::Data, "checkpoint " + path + " is damaged: " + why);
    };
    if (bytes.size() < 8 + 8 + 4 + 8 || std::memcmp(bytes.data(), kMagic, 8) != 0)
        return damaged("not a TrainDeck checkpoint (bad magic)");
    if (std::memcmp(bytes.data() + bytes.size() - 8, kEndMagic, 8) != 0)
        return damaged("truncated (end marker missing)");
    const size_t crcPos = bytes.size() - 12;
    uint32_t stored = 0;
    for (int i = 0; i < 4; ++i)
        stored |= uint32_t(static_cast<unsigned char>(bytes[crcPos + size_t(i)])) << (8 * i);
    if (crc32Of(bytes, crcPos) != stored)
        return damaged("checksum mismatch");
    const uint64_t headerLen = readU64(reinterpret_cast<const unsigned char *>(bytes.data() + 8));
    if (headerLen > crcPos - 16)
        return damaged("header length out of range");
    TD_RETURN_IF_ERROR(parseJson(bytes.substr(16, headerLen), data.header, path));
    const JsonValue *list = data.header.find("tensors");
    if (!list || !list->isArray())
        return damaged("tensor list missing");
    size_t offset = 16 + headerLen;
    data.tensors.clear();
    for (const JsonValue &entry : list->items()) {
        const JsonValue *name = entry.find("name");
        const JsonValue *count = entry.find("count");
        if (!name || !name->isString() || !count || !count->isNumber() || count->asNumber() < 0)
            return damaged("bad tensor entry");
        const size_t n = size_t(count->asNumber());
        if (offset + n * sizeof(float) > crcPos)
            return damaged("tensor data shorter than the header says");
        NamedTensor t;
        t.name = name->asString();
        t.data.resize(n);
        std::memcpy(t.data.data(), bytes.data() + offset, n * sizeof(float));
        offset += n * sizeof(float);
        data.tensors.push_back(std::move(t));
    }
    if (offset != crcPos)
        return damaged("unexpected bytes after the tensor data");
    return Status::ok();
}

} // namespace td
