#pragma once

#include "core/acquisitionspend.h"
#include "server/api/apicontext.h"
#include "server/api/apihelpers.h"
#include "server/api/principal.h"

#include <string>

namespace Tenantry::Server {

// The raw data the console computes unit economics from: acquisition spend (finance writes
// it, one amount per month and currency) and the MRR event feed. Both feeds list oldest first
// and filter by updated_since, for incremental sync.
class FinanceService
{
public:
    explicit FinanceService(ApiContext &context)
        : m_context(context)
    {}

    // Sets the spend of a month in a currency. Returns the record and whether it was new.
    Outcome<std::pair<SpendRecord, bool>> setSpend(const Principal &actor,
                                                   const std::string &requestId,
                                                   const AcquisitionSpend &spend) const;
    Outcome<Page<SpendRecord>> spend(const FeedFilter &filter,
                                     const PageRequest &page,
                                     const std::string &requestId) const;
    Outcome<Page<MrrEventRecord>> events(const FeedFilter &filter,
                                         const PageRequest &page,
                                         const std::string &requestId) const;

private:
    ApiError storeError(const Error &error, const std::string &requestId) const;

    ApiContext &m_context;
};

} // namespace Tenantry::Server
