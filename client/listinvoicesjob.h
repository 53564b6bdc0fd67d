#pragma once

#include "client/apilistjob.h"
#include "client/invoicequery.h"
#include "core/invoice.h"

namespace Tenantry {

// GET /v1/invoices: one page of invoices, newest first, filtered by the query.
class ListInvoicesJob : public ApiListJob<Invoice>
{
    Q_OBJECT

public:
    ListInvoicesJob(ApiClient *client, const InvoiceQuery &query, QObject *parent = nullptr);
};

} // namespace Tenantry
