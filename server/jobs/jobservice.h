#pragma once

#include "server/api/apicontext.h"
#include "server/api/apihelpers.h"
#include "server/api/principal.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>

namespace Tenantry::Server {

// Background jobs as the API sees them: queueing one (for the endpoint that starts it), reading
// one and listing them. Who may read a job follows its type's domain, the part before the
// first dot: "billing.*" needs billing.read, "tenant.*" tenants.read; a type of any other domain
// is readable by owners only.
class JobService
{
public:
    // `wake` nudges the JobRunner once a queued job is committed.
    JobService(ApiContext &context, std::function<void()> wake)
        : m_context(context)
        , m_wake(std::move(wake))
    {}

    // The permission that reading a job of `type` needs; nullopt: owners only.
    static std::optional<Permission> readPermission(const std::string &type);
    static bool mayRead(const Principal &principal, const std::string &type);

    // Queues a job in the calling request's transaction (audited as job.created) and wakes the
    // runner after it ends.
    Outcome<JobRecord> enqueue(const Principal &actor,
                               const std::string &requestId,
                               const std::string &type,
                               const nlohmann::json &params) const;

    // 404 for an unknown id, 403 when `principal` may not read jobs of its type.
    Outcome<JobRecord> get(const Principal &principal,
                           const std::string &requestId,
                           const std::string &id) const;

    // Only the types `principal` may read; a `type` filter it may not read is 403.
    Outcome<Page<JobRecord>> list(const Principal &principal,
                                  const std::string &requestId,
                                  JobFilter filter,
                                  const PageRequest &page) const;

private:
    ApiContext &m_context;
    std::function<void()> m_wake;
};

// {"object":"job","id","type","status","progress":{"done","total"},"params","result","error",
//  "created_by","created_at","started_at","finished_at","updated_at"}
nlohmann::json jobJson(const JobRecord &job);

} // namespace Tenantry::Server
