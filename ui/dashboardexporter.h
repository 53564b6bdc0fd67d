#pragma once

// Exports of the finance dashboard: the KPI table of the months shown as CSV, and the whole
// dashboard (cards and charts) as a one-page PDF through QPdfWriter or as a PNG image, with the
// currency, the months and the data's age printed above it. Files are written atomically
// (QSaveFile).
//
// CSV columns: period, currency, then mrr, arr, customers, arpa, customer_churn_rate, nrr, grr,
// quick_ratio, cac, ltv, ltv_cac_ratio, payback_months as tenantry-metrics writes them: money
// in integer minor units, ratios to six decimals, an empty cell for an undefined figure. Plain
// ASCII without quoting, LF line ends.

#include "client/metricsreport.h"
#include "core/yearmonth.h"

#include <QCoreApplication>
#include <QString>

namespace Tenantry {

class DashboardView;

class DashboardExporter
{
    Q_DECLARE_TR_FUNCTIONS(Tenantry::DashboardExporter)

public:
    static QString kpiCsv(const MetricsReport &report, YearMonth from, YearMonth to);
    // The months and data age shown, for the PDF's header ("USD · Nov 2025 – Oct 2026").
    static QString filterSummary(const DashboardView &view);

    // False with a message for people in `error`.
    static bool writeCsv(const DashboardView &view, const QString &fileName, QString *error);
    static bool writePdf(DashboardView &view, const QString &fileName, QString *error);
    // The cards and charts as rendered on screen, under the same two header lines as the PDF.
    static bool writePng(DashboardView &view, const QString &fileName, QString *error);
};

} // namespace Tenantry
