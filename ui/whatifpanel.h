#pragma once

// The dashboard's what-if panel: move ARPA, churn and CAC (in percent from the selected month's
// actual values) and the gross margin, and see LTV, LTV:CAC and CAC payback change live beside
// the actual figures (core's computeWhatIf; a few operations, so on the GUI thread).

#include "core/currency.h"
#include "core/metrics/periodmetrics.h"
#include "core/metrics/series.h"
#include "core/metrics/whatif.h"

#include <QGroupBox>

#include <optional>

class QDoubleSpinBox;
class QLabel;

namespace Tenantry {

class WhatIfPanel : public QGroupBox
{
    Q_OBJECT

public:
    explicit WhatIfPanel(QWidget *parent = nullptr);

    // The month the scenario starts from; nullptr when there is none.
    void setActual(const PeriodMetrics *actual,
                   const Currency &currency,
                   const SeriesOptions &options);
    // Factors of 1 and the settings' gross margin.
    void reset();

    void setChange(const WhatIfChange &change);
    WhatIfChange change() const;
    const WhatIfResult &result() const { return m_result; }

private:
    void update();
    QString money(double minorUnits) const;

    std::optional<PeriodMetrics> m_actual;
    std::optional<Currency> m_currency;
    SeriesOptions m_options;
    WhatIfResult m_result;
    QDoubleSpinBox *m_arpa;
    QDoubleSpinBox *m_churn;
    QDoubleSpinBox *m_cac;
    QDoubleSpinBox *m_margin;
    QLabel *m_inputs;
    QLabel *m_actualLtv;
    QLabel *m_actualRatio;
    QLabel *m_actualPayback;
    QLabel *m_ltv;
    QLabel *m_ratio;
    QLabel *m_payback;
};

} // namespace Tenantry
