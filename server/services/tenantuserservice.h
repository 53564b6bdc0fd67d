#pragma once

#include "server/api/apicontext.h"
#include "server/api/apihelpers.h"
#include "server/api/principal.h"

#include <cstdint>
#include <string>

namespace Tenantry::Server {

struct TenantUserDraft
{
    std::string email;
    std::string name;
    std::string role = "member"; // owner, admin or member: the tenant's own roles
};

// The end users of a tenant, as support sees and manages them: list, add, remove. Audited.
class TenantUserService
{
public:
    explicit TenantUserService(ApiContext &context)
        : m_context(context)
    {}

    Outcome<TenantUserRecord> add(const Principal &actor,
                                  const std::string &requestId,
                                  const std::string &tenantId,
                                  TenantUserDraft draft) const;
    Outcome<TenantUserRecord> remove(const Principal &actor,
                                     const std::string &requestId,
                                     const std::string &tenantId,
                                     const std::string &userId,
                                     std::int64_t expectedVersion) const;
    Outcome<TenantUserRecord> get(const std::string &tenantId,
                                  const std::string &userId,
                                  const std::string &requestId) const;
    Outcome<Page<TenantUserRecord>> list(const std::string &tenantId,
                                         const PageRequest &page,
                                         const std::string &requestId) const;

    static bool isValidRole(const std::string &role);

private:
    ApiError storeError(const Error &error, const std::string &requestId) const;

    ApiContext &m_context;
};

} // namespace Tenantry::Server
