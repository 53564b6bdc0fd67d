#include "server/services/financeservice.h"

#include "server/services/auditwriter.h"
#include "server/services/readtransaction.h"

namespace Tenantry::Server {

ApiError FinanceService::storeError(const Error &error, const std::string &requestId) const
{
    if (error.code == "cursor_not_found")
        return ApiError::badRequest("parameter_invalid",
                                    "starting_after names no object of this feed",
                                    "starting_after");
    return m_context.storageFailure(error, requestId);
}

Outcome<std::pair<SpendRecord, bool>> FinanceService::setSpend(const Principal &actor,
                                                               const std::string &requestId,
                                                               const AcquisitionSpend &spend) const
{
    if (spend.amount.amount() < 0)
        return ApiError::unprocessable("parameter_invalid", "amount cannot be negative", "amount");
    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Write);
    if (!transaction)
        return storeError(transaction.error(), requestId);
    StoreTransaction &store = **transaction;
    Result<std::optional<SpendRecord>> existing = store.spend(spend.month, spend.amount.currency());
    if (!existing)
        return storeError(existing.error(), requestId);
    if (*existing && (*existing)->spend == spend)
        return std::pair(**existing, false); // the same figure again: nothing changes

    const Timestamp now = m_context.now();
    SpendRecord record{"spd_" + spend.month.toString().erase(4, 1)
                           + spend.amount.currency().toString(),
                       spend,
                       *existing ? (*existing)->createdAt : now,
                       now,
                       *existing ? (*existing)->version + 1 : 1};
    if (Status written = store.upsertSpend(record); !written)
        return storeError(written.error(), requestId);
    const nlohmann::json before = *existing ? spendJson(**existing) : nlohmann::json(nullptr);
    const nlohmann::json after = spendJson(record);
    if (Status audited = writeAudit(store,
                                    actor,
                                    requestId,
                                    now,
                                    {"spend.set",
                                     "acquisition_spend",
                                     record.id,
                                     std::nullopt,
                                     *existing ? &before : nullptr,
                                     &after});
        !audited) {
        return storeError(audited.error(), requestId);
    }
    if (Status committed = store.commit(); !committed)
        return storeError(committed.error(), requestId);
    return std::pair(std::move(record), !*existing);
}

Outcome<Page<SpendRecord>> FinanceService::spend(const FeedFilter &filter,
                                                 const PageRequest &page,
                                                 const std::string &requestId) const
{
    return inReadTransaction<Page<SpendRecord>>(
        m_context,
        [&](StoreTransaction &store) { return store.listSpend(filter, page); },
        [&](const Error &error) { return storeError(error, requestId); });
}

Outcome<Page<MrrEventRecord>> FinanceService::events(const FeedFilter &filter,
                                                     const PageRequest &page,
                                                     const std::string &requestId) const
{
    return inReadTransaction<Page<MrrEventRecord>>(
        m_context,
        [&](StoreTransaction &store) { return store.listMrrEvents(filter, page); },
        [&](const Error &error) { return storeError(error, requestId); });
}

} // namespace Tenantry::Server
