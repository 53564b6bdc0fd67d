#include "client/listinvoicesjob.h"

#include "client/apicodecs.h"

namespace Tenantry {

ListInvoicesJob::ListInvoicesJob(ApiClient *client, const InvoiceQuery &query, QObject *parent)
    : ApiListJob<Invoice>(client,
                          QStringLiteral("/v1/invoices"),
                          &ApiCodecs::decodeInvoicePage,
                          parent)
{
    setQuery(query.toQueryItems());
}

} // namespace Tenantry
