#pragma once

#include <string>
#include <vector>

namespace Tenantry {

// tenantry-metrics: the unit-economics engine on the command line.
//   snapshot   the seed's single-period tracker
//   series     monthly or quarterly metrics (or cohorts) from MRR events and spend
//   demo-data  a deterministic realistic data set
// run() writes what to print into `out` and `err` and returns the exit status: 0, or 2 for
// bad input (nothing is written to `out` then). The caller prints; tests call it directly.
class MetricsCli
{
public:
    int run(const std::vector<std::string> &arguments, std::string &out, std::string &err) const;
};

} // namespace Tenantry
