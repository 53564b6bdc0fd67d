#pragma once

#include "core/plan.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace Tenantry {

// The body of POST /v1/plans: a new plan. Its key, price and interval never change afterwards.
struct PlanDraft
{
    explicit PlanDraft(Money planPrice)
        : price(planPrice)
    {}

    QString key;
    QString name;
    Money price;
    BillingInterval interval = BillingInterval::Month;
    std::int64_t trialDays = 0;
    QStringList features; // feature keys

    QByteArray toJson() const;
};

// The body of PATCH /v1/plans/{id}: only the fields that are set are sent; `features` replaces
// the whole list.
struct PlanPatch
{
    std::optional<QString> name;
    std::optional<bool> active;
    std::optional<std::int64_t> trialDays;
    std::optional<QStringList> features;

    bool isEmpty() const { return !name && !active && !trialDays && !features; }
    QByteArray toJson() const;
};

} // namespace Tenantry
