#include "server/jobs/jobservice.h"

#include "server/auth/sessiontoken.h"
#include "server/services/auditwriter.h"
#include "server/services/readtransaction.h"
#include "server/store/ambienttransaction.h"

#include <array>
#include <utility>

namespace Tenantry::Server {

namespace {

// Domains of job types and the permission that reads them.
constexpr std::array<std::pair<std::string_view, Permission>, 2> kDomains = {{
    {"billing.", Permission::BillingRead},
    {"tenant.", Permission::TenantsRead},
}};

nlohmann::json optionalTime(const std::optional<Timestamp> &time)
{
    return time ? nlohmann::json(formatRfc3339(*time)) : nlohmann::json(nullptr);
}

nlohmann::json parsedOrNull(const std::optional<std::string> &text)
{
    if (!text)
        return nullptr;
    nlohmann::json parsed = nlohmann::json::parse(*text, nullptr, false);
    return parsed.is_discarded() ? nlohmann::json(nullptr) : parsed;
}

} // namespace

nlohmann::json jobJson(const JobRecord &job)
{
    return {{"object", "job"},
            {"id", job.id},
            {"type", job.type},
            {"status", toString(job.status)},
            {"progress", {{"done", job.progressDone}, {"total", job.progressTotal}}},
            {"params", parsedOrNull(job.params)},
            {"result", parsedOrNull(job.result)},
            {"error", job.error ? nlohmann::json(*job.error) : nlohmann::json(nullptr)},
            {"created_by", job.createdBy},
            {"created_at", formatRfc3339(job.createdAt)},
            {"started_at", optionalTime(job.startedAt)},
            {"finished_at", optionalTime(job.finishedAt)},
            {"updated_at", formatRfc3339(job.updatedAt)}};
}

std::optional<Permission> JobService::readPermission(const std::string &type)
{
    for (const auto &[prefix, permission] : kDomains) {
        if (type.starts_with(prefix))
            return permission;
    }
    return std::nullopt;
}

bool JobService::mayRead(const Principal &principal, const std::string &type)
{
    const std::optional<Permission> permission = readPermission(type);
    return permission ? allows(principal.user.role, *permission)
                      : principal.user.role == Role::Owner;
}

Outcome<JobRecord> JobService::enqueue(const Principal &actor,
                                       const std::string &requestId,
                                       const std::string &type,
                                       const nlohmann::json &params) const
{
    JobRecord job;
    job.id = SessionToken::newId("job_");
    job.type = type;
    job.status = JobStatus::Queued;
    job.params = params.dump();
    job.createdBy = actor.user.id;
    job.createdAt = m_context.now();
    job.updatedAt = job.createdAt;

    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Write);
    if (!transaction)
        return m_context.storageFailure(transaction.error(), requestId);
    StoreTransaction &store = **transaction;
    if (Status inserted = store.insertJob(job); !inserted)
        return m_context.storageFailure(inserted.error(), requestId);
    const nlohmann::json after = jobJson(job);
    if (Status audited = writeAudit(store,
                                    actor,
                                    requestId,
                                    job.createdAt,
                                    {"job.created", "job", job.id, std::nullopt, nullptr, &after});
        !audited) {
        return m_context.storageFailure(audited.error(), requestId);
    }
    if (Status committed = store.commit(); !committed)
        return m_context.storageFailure(committed.error(), requestId);
    if (m_wake)
        AmbientTransaction::afterEnd(m_wake);
    return job;
}

Outcome<JobRecord> JobService::get(const Principal &principal,
                                   const std::string &requestId,
                                   const std::string &id) const
{
    Outcome<std::optional<JobRecord>> found = inReadTransaction<std::optional<JobRecord>>(
        m_context,
        [&](StoreTransaction &store) { return store.job(id); },
        [&](const Error &error) { return m_context.storageFailure(error, requestId); });
    if (failed(found))
        return std::get<ApiError>(found);
    const std::optional<JobRecord> &job = std::get<0>(found);
    if (!job)
        return ApiError::notFound("No job " + id, "id");
    if (!mayRead(principal, job->type)) {
        const std::optional<Permission> permission = readPermission(job->type);
        return ApiError::forbidden(
            "Reading a job of type " + job->type + " needs the permission "
            + (permission ? std::string(toString(*permission)) : std::string("of an owner")));
    }
    return *job;
}

Outcome<Page<JobRecord>> JobService::list(const Principal &principal,
                                          const std::string &requestId,
                                          JobFilter filter,
                                          const PageRequest &page) const
{
    if (filter.type && !mayRead(principal, *filter.type)) {
        const std::optional<Permission> permission = readPermission(*filter.type);
        return ApiError::forbidden(
            "Reading jobs of type " + *filter.type + " needs the permission "
            + (permission ? std::string(toString(*permission)) : std::string("of an owner")));
    }
    filter.typePrefixes.clear();
    if (principal.user.role != Role::Owner) {
        for (const auto &[prefix, permission] : kDomains) {
            if (allows(principal.user.role, permission))
                filter.typePrefixes.emplace_back(prefix);
        }
        if (filter.typePrefixes.empty())
            return Page<JobRecord>{};
    }
    return inReadTransaction<Page<JobRecord>>(
        m_context,
        [&](StoreTransaction &store) { return store.listJobs(filter, page); },
        [&](const Error &error) {
            if (error.code == "cursor_not_found")
                return ApiError::badRequest("parameter_invalid",
                                            "starting_after names no object of this list",
                                            "starting_after");
            return m_context.storageFailure(error, requestId);
        });
}

} // namespace Tenantry::Server
