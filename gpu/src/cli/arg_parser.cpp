#include "cli/arg_parser.h"

namespace td {

Status parseArgs(int argc, char **argv, int first, const std::set<std::string> &valueFlags,
                 const std::set<std::string> &switchFlags, ParsedArgs &out)
{
    for (int i = first; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg.rfind("--", 0) != 0)
            return {ErrorKind::Config, "unexpected argument '" + arg + "'"};
        arg = arg.substr(2);
        std::string value;
        bool inlineValue = false;
        const size_t eq = arg.find('=');
        if (eq != std::string::npos) {
            value = arg.substr(eq + 1);
            arg = arg.substr(0, eq);
            inlineValue = true;
        }
        if (switchFlags.count(arg)) {
            if (inlineValue)
                return {ErrorKind::Config, "--" + arg + " takes no value"};
            out.switches.insert(arg);
            continue;
        }
        if (!valueFlags.count(arg))
            return {ErrorKind::Config, "unknown option --" + arg};
        if (!inlineValue) {
            if (i + 1 >= argc)
                return {ErrorKind::Config, "--" + arg + " needs a value"};
            value = argv[++i];
        }
        out.values[arg] = value;
    }
    return Status::ok();
}

} // namespace td
