#include "core/invoice.h"

namespace Tenantry {

std::string_view toString(InvoiceStatus status)
{
    // Spelled exactly as Stripe's Invoice.status.
    switch (status) {
    case InvoiceStatus::Draft:
        return "draft";
    case InvoiceStatus::Open:
        return "open";
    case InvoiceStatus::Paid:
        return "paid";
    case InvoiceStatus::Uncollectible:
        return "uncollectible";
    case InvoiceStatus::Void:
        return "void";
    }
    return {};
}

std::optional<InvoiceStatus> invoiceStatusFromString(std::string_view text)
{
    for (const InvoiceStatus status : {InvoiceStatus::Draft,
                                       InvoiceStatus::Open,
                                       InvoiceStatus::Paid,
                                       InvoiceStatus::Uncollectible,
                                       InvoiceStatus::Void}) {
        if (toString(status) == text)
            return status;
    }
    return std::nullopt;
}

} // namespace Tenantry
