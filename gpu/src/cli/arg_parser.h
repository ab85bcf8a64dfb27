// Minimal "--flag value" / "--flag=value" / "--switch" parsing for the subcommands.
#pragma once

#include "common/status.h"

#include <map>
#include <set>
#include <string>

namespace td {

struct ParsedArgs
{
    std::map<std::string, std::string> values; // flag name without dashes -> value
    std::set<std::string> switches;

    bool has(const std::string &flag) const { return values.count(flag) || switches.count(flag); }
    std::string get(const std::string &flag, const std::string &fallback = "") const
    {
        const auto it = values.find(flag);
        return it == values.end() ? fallback : it->second;
    }
};

// argv[first..argc) are parsed; flags not in valueFlags or switchFlags are config errors.
Status parseArgs(int argc, char **argv, int first, const std::set<std::string> &valueFlags,
                 const std::set<std::string> &switchFlags, ParsedArgs &out);

} // namespace td
