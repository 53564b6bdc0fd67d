#pragma once

#include "core/money.h"
#include "core/timestamp.h"

#include <optional>
#include <string>
#include <string_view>

namespace Tenantry {

// Stripe's invoice statuses.
enum class InvoiceStatus { Draft, Open, Paid, Uncollectible, Void };
std::string_view toString(InvoiceStatus status); // "draft", "open", "paid", ...
std::optional<InvoiceStatus> invoiceStatusFromString(std::string_view text);

// JSON: {"id":"inv_…","tenant_id","subscription_id","status",
//        "amount_due":{"amount","currency"},"amount_paid":{…},"period_start","period_end",
//        "created_at","stripe_invoice_id"?}.
struct Invoice
{
    std::string id;
    std::string tenantId;
    std::string subscriptionId;
    InvoiceStatus status;
    Money amountDue;
    Money amountPaid;
    Timestamp periodStart;
    Timestamp periodEnd;
    Timestamp createdAt;
    std::optional<std::string> stripeInvoiceId;

    bool operator==(const Invoice &other) const = default;
};

} // namespace Tenantry
