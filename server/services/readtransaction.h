#pragma once

#include "server/api/apicontext.h"
#include "server/api/apihelpers.h"

#include <memory>
#include <type_traits>
#include <utility>

namespace Tenantry::Server {

// Runs `work` (StoreTransaction & -> Result<T>) in a read transaction of the context's store
// and returns its value, or the ApiError that `mapError` (const Error & -> ApiError) makes of a
// store failure: the shape of every read a service does.
template<typename T, typename Work, typename MapError>
Outcome<T> inReadTransaction(const ApiContext &context, Work &&work, MapError &&mapError)
{
    Result<std::unique_ptr<StoreTransaction>> transaction = context.store().begin(Store::Mode::Read);
    if (!transaction)
        return mapError(transaction.error());
    Result<T> result = std::forward<Work>(work)(**transaction);
    if (!result)
        return mapError(result.error());
    return std::move(result).value();
}

} // namespace Tenantry::Server
