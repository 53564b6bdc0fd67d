#pragma once

#include <cstdint>
#include <exception>
#include <map>
#include <string>
#include <string_view>
#include <variant>

namespace Tenantry::Bench {

// Command-line options of the form `--name value`, each written into the variable it names.
using OptionTarget = std::variant<std::string *, int *, double *, std::uint16_t *>;
using OptionTargets = std::map<std::string_view, OptionTarget>;

// Parses argv into `targets`; returns an empty string, or what is wrong (an unknown option, a
// missing value, a value that is not a number).
inline std::string parseOptions(int argc, char *argv[], const OptionTargets &targets)
{
    for (int i = 1; i < argc; ++i) {
        const std::string_view name = argv[i];
        const auto target = targets.find(name);
        if (target == targets.end())
            return "unknown option " + std::string(name);
        if (i + 1 >= argc)
            return "missing a value after " + std::string(name);
        const std::string value = argv[++i];
        try {
            std::size_t used = 0;
            if (auto *text = std::get_if<std::string *>(&target->second)) {
                **text = value;
                used = value.size();
            } else if (auto *integer = std::get_if<int *>(&target->second)) {
                **integer = std::stoi(value, &used);
            } else if (auto *real = std::get_if<double *>(&target->second)) {
                **real = std::stod(value, &used);
            } else {
                const unsigned long port = std::stoul(value, &used);
                if (port > 65'535)
                    return "not a port: " + value;
                **std::get_if<std::uint16_t *>(&target->second) = static_cast<std::uint16_t>(port);
            }
            if (used != value.size())
                return "not a number: " + value;
        } catch (const std::exception &) {
            return "not a number: " + value;
        }
    }
    return {};
}

} // namespace Tenantry::Bench
