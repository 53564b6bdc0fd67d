#include "server/services/tenantuserservice.h"

#include "server/auth/sessiontoken.h"
#include "server/services/auditwriter.h"

namespace Tenantry::Server {

namespace {

ApiError tenantNotFound(const std::string &id)
{
    return ApiError::notFound("No tenant " + id, "id");
}

} // namespace

bool TenantUserService::isValidRole(const std::string &role)
{
    return role == "owner" || role == "admin" || role == "member";
}

ApiError TenantUserService::storeError(const Error &error, const std::string &requestId) const
{
    if (error.code == "conflict" && error.path == "email")
        return ApiError::conflict("email_taken",
                                  "This tenant already has a user with this email",
                                  "email");
    if (error.code == "cursor_not_found")
        return ApiError::badRequest("parameter_invalid",
                                    "starting_after names no user of this tenant",
                                    "starting_after");
    return m_context.storageFailure(error, requestId);
}

Outcome<TenantUserRecord> TenantUserService::add(const Principal &actor,
                                                 const std::string &requestId,
                                                 const std::string &tenantId,
                                                 TenantUserDraft draft) const
{
    if (!isValidEmail(draft.email))
        return ApiError::unprocessable("parameter_invalid",
                                       "email is not an email address",
                                       "email");
    if (draft.name.empty() || draft.name.size() > 200)
        return ApiError::unprocessable("parameter_invalid",
                                       "name must be 1 to 200 characters",
                                       "name");
    if (!isValidRole(draft.role))
        return ApiError::unprocessable("parameter_invalid",
                                       "role must be owner, admin or member",
                                       "role");

    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Write);
    if (!transaction)
        return storeError(transaction.error(), requestId);
    StoreTransaction &store = **transaction;
    Result<std::optional<Tenant>> tenant = store.tenantById(tenantId);
    if (!tenant)
        return storeError(tenant.error(), requestId);
    if (!*tenant)
        return tenantNotFound(tenantId);
    if ((*tenant)->status == TenantStatus::Deleted)
        return ApiError::conflict("tenant_deleted",
                                  "This tenant was deleted; a deleted tenant cannot be changed");

    TenantUserRecord user{tenantId,
                          SessionToken::newId("tus_"),
                          lowerCase(std::move(draft.email)),
                          std::move(draft.name),
                          std::move(draft.role),
                          m_context.now(),
                          1};
    if (Status inserted = store.insertTenantUser(user); !inserted)
        return storeError(inserted.error(), requestId);
    const nlohmann::json after = tenantUserJson(user);
    if (Status audited = writeAudit(
            store,
            actor,
            requestId,
            user.createdAt,
            {"tenant_user.added", "tenant_user", user.id, tenantId, nullptr, &after});
        !audited) {
        return storeError(audited.error(), requestId);
    }
    if (Status committed = store.commit(); !committed)
        return storeError(committed.error(), requestId);
    return user;
}

Outcome<TenantUserRecord> TenantUserService::remove(const Principal &actor,
                                                    const std::string &requestId,
                                                    const std::string &tenantId,
                                                    const std::string &userId,
                                                    std::int64_t expectedVersion) const
{
    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Write);
    if (!transaction)
        return storeError(transaction.error(), requestId);
    StoreTransaction &store = **transaction;
    Result<std::optional<Tenant>> tenant = store.tenantById(tenantId);
    if (!tenant)
        return storeError(tenant.error(), requestId);
    if (!*tenant)
        return tenantNotFound(tenantId);
    if ((*tenant)->status == TenantStatus::Deleted)
        return ApiError::conflict("tenant_deleted",
                                  "This tenant was deleted; a deleted tenant cannot be changed");
    Result<std::optional<TenantUserRecord>> user = store.tenantUser(tenantId, userId);
    if (!user)
        return storeError(user.error(), requestId);
    if (!*user)
        return ApiError::notFound("Tenant " + tenantId + " has no user " + userId, "user_id");
    if ((*user)->version != expectedVersion)
        return ApiError::preconditionFailed("The user changed since you read it (version "
                                            + std::to_string((*user)->version) + " now)");
    if (Status removed = store.deleteTenantUser(tenantId, userId); !removed)
        return storeError(removed.error(), requestId);
    const nlohmann::json before = tenantUserJson(**user);
    if (Status audited = writeAudit(
            store,
            actor,
            requestId,
            m_context.now(),
            {"tenant_user.removed", "tenant_user", userId, tenantId, &before, nullptr});
        !audited) {
        return storeError(audited.error(), requestId);
    }
    if (Status committed = store.commit(); !committed)
        return storeError(committed.error(), requestId);
    return std::move(**user);
}

Outcome<TenantUserRecord> TenantUserService::get(const std::string &tenantId,
                                                 const std::string &userId,
                                                 const std::string &requestId) const
{
    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Read);
    if (!transaction)
        return storeError(transaction.error(), requestId);
    Result<std::optional<TenantUserRecord>> user = (*transaction)->tenantUser(tenantId, userId);
    if (!user)
        return storeError(user.error(), requestId);
    if (!*user)
        return ApiError::notFound("Tenant " + tenantId + " has no user " + userId, "user_id");
    return std::move(**user);
}

Outcome<Page<TenantUserRecord>> TenantUserService::list(const std::string &tenantId,
                                                        const PageRequest &page,
                                                        const std::string &requestId) const
{
    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Read);
    if (!transaction)
        return storeError(transaction.error(), requestId);
    Result<std::optional<Tenant>> tenant = (*transaction)->tenantById(tenantId);
    if (!tenant)
        return storeError(tenant.error(), requestId);
    if (!*tenant)
        return tenantNotFound(tenantId);
    Result<Page<TenantUserRecord>> users = (*transaction)->listTenantUsers(tenantId, page);
    if (!users)
        return storeError(users.error(), requestId);
    return std::move(users).value();
}

} // namespace Tenantry::Server
