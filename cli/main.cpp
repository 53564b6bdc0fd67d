#include "cli/metricscli.h"

#include <cstdio>
#include <string>
#include <vector>

int main(int argc, char *argv[])
{
    const std::vector<std::string> arguments(argv + 1, argv + argc);
    std::string out;
    std::string err;
    const int status = Tenantry::MetricsCli().run(arguments, out, err);
    // Everything is computed before anything is printed: a failure leaves stdout empty.
    if (!out.empty() && std::fwrite(out.data(), 1, out.size(), stdout) != out.size())
        return 1;
    if (std::fflush(stdout) != 0)
        return 1;
    if (!err.empty())
        std::fwrite(err.data(), 1, err.size(), stderr);
    return status;
}
