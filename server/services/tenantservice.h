#pragma once

#include "core/tenant.h"
#include "server/api/apicontext.h"
#include "server/api/apihelpers.h"
#include "server/api/principal.h"

#include <optional>
#include <string>

namespace Tenantry::Server {

// A new tenant as the API receives it (already type-checked).
struct TenantDraft
{
    std::string name;
    std::optional<std::string> slug; // derived from the name when absent
    std::string region;
    Isolation isolation = Isolation::Pool;
    std::optional<std::string> contactEmail;
    std::optional<std::string> planId;
    std::optional<std::string> notes;
};

// A PATCH: each field absent (no change) or set; contact email and notes may be set to null.
struct TenantChanges
{
    std::optional<std::string> name;
    std::optional<std::string> slug;
    std::optional<std::string> region;
    std::optional<Isolation> isolation;
    std::optional<std::optional<std::string>> contactEmail;
    std::optional<std::optional<std::string>> notes;
};

// The tenant lifecycle: create, change, suspend, reactivate, soft-delete, and support notes.
// Every change is validated here, versioned, and audited in the same transaction.
// A version mismatch is ApiError 412 "version_mismatch"; the caller adds the current tenant.
class TenantService
{
public:
    explicit TenantService(ApiContext &context)
        : m_context(context)
    {}

    Outcome<Tenant> create(const Principal &actor,
                           const std::string &requestId,
                           TenantDraft draft) const;
    Outcome<Tenant> get(const std::string &id, const std::string &requestId) const;
    Outcome<Page<Tenant>> list(const TenantFilter &filter,
                               const PageRequest &page,
                               const std::string &requestId) const;
    Outcome<Tenant> update(const Principal &actor,
                           const std::string &requestId,
                           const std::string &id,
                           std::int64_t expectedVersion,
                           const TenantChanges &changes) const;
    Outcome<Tenant> remove(const Principal &actor,
                           const std::string &requestId,
                           const std::string &id,
                           std::int64_t expectedVersion) const;
    Outcome<Tenant> setStatus(const Principal &actor,
                              const std::string &requestId,
                              const std::string &id,
                              TenantStatus status,
                              const std::optional<std::string> &reason) const;
    Outcome<NoteRecord> addNote(const Principal &actor,
                                const std::string &requestId,
                                const std::string &tenantId,
                                std::string body) const;
    Outcome<Page<NoteRecord>> notes(const std::string &tenantId,
                                    const PageRequest &page,
                                    const std::string &requestId) const;

private:
    // Validates the fields shared by create and update; empty when all is well.
    std::optional<ApiError> validate(const Tenant &tenant) const;
    ApiError storeError(const Error &error, const std::string &requestId) const;
    // The tenant to change, in `store`'s transaction: 404 if missing, 412 if its version is not
    // `expectedVersion` (when given), 409 if it was deleted.
    Outcome<Tenant> loadForChange(StoreTransaction &store,
                                  const std::string &id,
                                  std::optional<std::int64_t> expectedVersion,
                                  const std::string &requestId) const;
    // Writes a changed tenant and its audit entry in `store`'s transaction, then commits.
    Outcome<Tenant> commitChange(StoreTransaction &store,
                                 const Principal &actor,
                                 const std::string &requestId,
                                 const Tenant &tenant,
                                 const std::string &action,
                                 const nlohmann::json &before,
                                 const nlohmann::json &after) const;

    ApiContext &m_context;
};

} // namespace Tenantry::Server
