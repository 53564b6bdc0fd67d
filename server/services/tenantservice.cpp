#include "server/services/tenantservice.h"

#include "server/auth/sessiontoken.h"
#include "server/services/auditwriter.h"
#include "server/services/readtransaction.h"

namespace Tenantry::Server {

namespace {

constexpr std::size_t kMaxNoteLength = 10'000;

ApiError tenantNotFound(const std::string &id)
{
    return ApiError::notFound("No tenant " + id, "id");
}

ApiError deletedTenant()
{
    return ApiError::conflict("tenant_deleted",
                              "This tenant was deleted; a deleted tenant cannot be changed");
}

} // namespace

ApiError TenantService::storeError(const Error &error, const std::string &requestId) const
{
    if (error.code == "conflict" && error.path == "slug")
        return ApiError::conflict("slug_taken", "Another tenant already has this slug", "slug");
    if (error.code == "cursor_not_found")
        return ApiError::badRequest("parameter_invalid",
                                    "starting_after names no tenant of this list",
                                    "starting_after");
    return m_context.storageFailure(error, requestId);
}

std::optional<ApiError> TenantService::validate(const Tenant &tenant) const
{
    if (tenant.name.empty() || tenant.name.size() > 200)
        return ApiError::unprocessable("parameter_invalid",
                                       "name must be 1 to 200 characters",
                                       "name");
    if (!isValidSlug(tenant.slug))
        return ApiError::unprocessable("parameter_invalid",
                                       "slug must be 1 to 63 lower-case letters, digits and inner "
                                       "dashes",
                                       "slug");
    if (tenant.region.empty() || tenant.region.size() > 64)
        return ApiError::unprocessable("parameter_invalid",
                                       "region must be 1 to 64 characters",
                                       "region");
    if (tenant.contactEmail && !isValidEmail(*tenant.contactEmail))
        return ApiError::unprocessable("parameter_invalid",
                                       "contact_email is not an email address",
                                       "contact_email");
    if (tenant.notes && tenant.notes->size() > kMaxNoteLength)
        return ApiError::unprocessable("parameter_invalid",
                                       "notes is longer than 10000 characters",
                                       "notes");
    return std::nullopt;
}

Outcome<Tenant> TenantService::create(const Principal &actor,
                                      const std::string &requestId,
                                      TenantDraft draft) const
{
    Tenant tenant;
    tenant.id = SessionToken::newId("ten_");
    tenant.name = std::move(draft.name);
    tenant.slug = draft.slug ? *draft.slug : slugFrom(tenant.name);
    tenant.region = std::move(draft.region);
    tenant.isolation = draft.isolation;
    tenant.contactEmail = draft.contactEmail ? std::optional(lowerCase(*draft.contactEmail))
                                             : std::nullopt;
    tenant.planId = std::move(draft.planId);
    tenant.notes = std::move(draft.notes);
    tenant.status = TenantStatus::Active;
    tenant.createdAt = m_context.now();
    tenant.updatedAt = tenant.createdAt;
    tenant.version = 1;
    if (auto invalid = validate(tenant))
        return *invalid;

    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Write);
    if (!transaction)
        return storeError(transaction.error(), requestId);
    StoreTransaction &store = **transaction;
    if (tenant.planId) {
        Result<std::optional<Plan>> plan = store.planById(*tenant.planId);
        if (!plan)
            return storeError(plan.error(), requestId);
        if (!*plan)
            return ApiError::unprocessable("resource_missing",
                                           "No plan " + *tenant.planId,
                                           "plan_id");
    }
    if (Status inserted = store.insertTenant(tenant); !inserted)
        return storeError(inserted.error(), requestId);
    const nlohmann::json after = tenantJson(tenant);
    if (Status audited = writeAudit(
            store,
            actor,
            requestId,
            tenant.createdAt,
            {"tenant.created", "tenant", tenant.id, tenant.id, nullptr, &after});
        !audited) {
        return storeError(audited.error(), requestId);
    }
    if (Status committed = store.commit(); !committed)
        return storeError(committed.error(), requestId);
    return tenant;
}

Outcome<Tenant> TenantService::loadForChange(StoreTransaction &store,
                                             const std::string &id,
                                             std::optional<std::int64_t> expectedVersion,
                                             const std::string &requestId) const
{
    Result<std::optional<Tenant>> current = store.tenantById(id);
    if (!current)
        return storeError(current.error(), requestId);
    if (!*current)
        return tenantNotFound(id);
    Tenant tenant = std::move(**current);
    if (expectedVersion && tenant.version != *expectedVersion)
        return ApiError::preconditionFailed("The tenant changed since you read it (version "
                                            + std::to_string(tenant.version) + " now)");
    if (tenant.status == TenantStatus::Deleted)
        return deletedTenant();
    return tenant;
}

Outcome<Tenant> TenantService::commitChange(StoreTransaction &store,
                                            const Principal &actor,
                                            const std::string &requestId,
                                            const Tenant &tenant,
                                            const std::string &action,
                                            const nlohmann::json &before,
                                            const nlohmann::json &after) const
{
    if (Status updated = store.updateTenant(tenant); !updated)
        return storeError(updated.error(), requestId);
    if (Status audited = writeAudit(store,
                                    actor,
                                    requestId,
                                    tenant.updatedAt,
                                    {action, "tenant", tenant.id, tenant.id, &before, &after});
        !audited) {
        return storeError(audited.error(), requestId);
    }
    if (Status committed = store.commit(); !committed)
        return storeError(committed.error(), requestId);
    return tenant;
}

Outcome<Tenant> TenantService::get(const std::string &id, const std::string &requestId) const
{
    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Read);
    if (!transaction)
        return storeError(transaction.error(), requestId);
    Result<std::optional<Tenant>> tenant = (*transaction)->tenantById(id);
    if (!tenant)
        return storeError(tenant.error(), requestId);
    if (!*tenant)
        return tenantNotFound(id);
    return std::move(**tenant);
}

Outcome<Page<Tenant>> TenantService::list(const TenantFilter &filter,
                                          const PageRequest &page,
                                          const std::string &requestId) const
{
    return inReadTransaction<Page<Tenant>>(
        m_context,
        [&](StoreTransaction &store) { return store.listTenants(filter, page); },
        [&](const Error &error) { return storeError(error, requestId); });
}

Outcome<Tenant> TenantService::update(const Principal &actor,
                                      const std::string &requestId,
                                      const std::string &id,
                                      std::int64_t expectedVersion,
                                      const TenantChanges &changes) const
{
    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Write);
    if (!transaction)
        return storeError(transaction.error(), requestId);
    StoreTransaction &store = **transaction;
    Outcome<Tenant> loaded = loadForChange(store, id, expectedVersion, requestId);
    if (failed(loaded))
        return loaded;
    Tenant tenant = std::get<Tenant>(std::move(loaded));

    const nlohmann::json before = tenantJson(tenant);
    if (changes.name)
        tenant.name = *changes.name;
    if (changes.slug)
        tenant.slug = *changes.slug;
    if (changes.region)
        tenant.region = *changes.region;
    // The placement changes only through a move, which copies the tenant's rows (the field is
    // accepted when it names the placement the tenant has).
    if (changes.isolation && *changes.isolation != tenant.isolation)
        return ApiError::conflict("placement_change_requires_move",
                                  "A tenant's placement (isolation) changes only by moving its "
                                  "data: POST /v1/tenants/"
                                      + tenant.id + "/move with {\"target\":\""
                                      + std::string(toString(*changes.isolation)) + "\"}",
                                  "isolation");
    if (changes.contactEmail)
        tenant.contactEmail = *changes.contactEmail
                                  ? std::optional(lowerCase(**changes.contactEmail))
                                  : std::nullopt;
    if (changes.notes)
        tenant.notes = *changes.notes;
    if (auto invalid = validate(tenant))
        return *invalid;
    if (tenantJson(tenant) == before)
        return tenant; // nothing changes: no new version, nothing audited
    tenant.version += 1;
    tenant.updatedAt = m_context.now();

    const nlohmann::json after = tenantJson(tenant);
    return commitChange(store, actor, requestId, tenant, "tenant.updated", before, after);
}

Outcome<Tenant> TenantService::remove(const Principal &actor,
                                      const std::string &requestId,
                                      const std::string &id,
                                      std::int64_t expectedVersion) const
{
    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Write);
    if (!transaction)
        return storeError(transaction.error(), requestId);
    StoreTransaction &store = **transaction;
    Outcome<Tenant> loaded = loadForChange(store, id, expectedVersion, requestId);
    if (failed(loaded))
        return loaded;
    Tenant tenant = std::get<Tenant>(std::move(loaded));

    const nlohmann::json before = tenantJson(tenant);
    tenant.status = TenantStatus::Deleted;
    tenant.updatedAt = m_context.now();
    tenant.deletedAt = tenant.updatedAt;
    tenant.version += 1;
    const nlohmann::json after = tenantJson(tenant);
    return commitChange(store, actor, requestId, tenant, "tenant.deleted", before, after);
}

Outcome<Tenant> TenantService::setStatus(const Principal &actor,
                                         const std::string &requestId,
                                         const std::string &id,
                                         TenantStatus status,
                                         const std::optional<std::string> &reason) const
{
    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Write);
    if (!transaction)
        return storeError(transaction.error(), requestId);
    StoreTransaction &store = **transaction;
    Outcome<Tenant> loaded = loadForChange(store, id, std::nullopt, requestId);
    if (failed(loaded))
        return loaded;
    Tenant tenant = std::get<Tenant>(std::move(loaded));
    if (tenant.status == status)
        return tenant; // already there: nothing changes, nothing is audited

    const nlohmann::json before = tenantJson(tenant);
    tenant.status = status;
    tenant.updatedAt = m_context.now();
    tenant.version += 1;
    nlohmann::json after = tenantJson(tenant);
    if (reason)
        after["reason"] = *reason;
    const std::string action = status == TenantStatus::Suspended ? "tenant.suspended"
                                                                 : "tenant.reactivated";
    return commitChange(store, actor, requestId, tenant, action, before, after);
}

Outcome<NoteRecord> TenantService::addNote(const Principal &actor,
                                           const std::string &requestId,
                                           const std::string &tenantId,
                                           std::string body) const
{
    if (body.empty() || body.size() > kMaxNoteLength)
        return ApiError::unprocessable("parameter_invalid",
                                       "body must be 1 to 10000 characters",
                                       "body");
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
        return deletedTenant();

    NoteRecord note{tenantId,
                    SessionToken::newId("note_"),
                    actor.user.id,
                    std::move(body),
                    m_context.now()};
    if (Status inserted = store.insertNote(note); !inserted)
        return storeError(inserted.error(), requestId);
    const nlohmann::json after = noteJson(note);
    if (Status audited = writeAudit(store,
                                    actor,
                                    requestId,
                                    note.createdAt,
                                    {"note.created", "note", note.id, tenantId, nullptr, &after});
        !audited) {
        return storeError(audited.error(), requestId);
    }
    if (Status committed = store.commit(); !committed)
        return storeError(committed.error(), requestId);
    return note;
}

Outcome<Page<NoteRecord>> TenantService::notes(const std::string &tenantId,
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
    Result<Page<NoteRecord>> notes = (*transaction)->listNotes(tenantId, page);
    if (!notes)
        return storeError(notes.error(), requestId);
    return std::move(notes).value();
}

} // namespace Tenantry::Server
