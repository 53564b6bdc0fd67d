#pragma once

// Exports of the finance dashboard: the KPI table of the periods shown as CSV, and the whole
// dashboard (cards and charts) or one chart as a one-page PDF through QPdfWriter, as a PNG image
// or printed, with the currency, plan, periods and the data's age printed above it. The PDF and
// the printer are drawn by the same code (paintPage), so a print is what the PDF shows. Files
// are written atomically (QSaveFile).
//
// CSV columns: period, currency, then mrr, arr, customers, arpa, customer_churn_rate, nrr, grr,
// quick_ratio, cac, ltv, ltv_cac_ratio, payback_months as tenantry-metrics writes them: money
// in integer minor units, ratios to six decimals, an empty cell for an undefined figure. Plain
// ASCII without quoting, LF line ends.

#include "client/metricsreport.h"
#include "core/yearmonth.h"

#include <QCoreApplication>
#include <QString>

class QPagedPaintDevice;
class QPrinter;
class QWidget;
class QChartView;

namespace Tenantry {

class DashboardView;

class DashboardExporter
{
    Q_DECLARE_TR_FUNCTIONS(Tenantry::DashboardExporter)

public:
    static QString kpiCsv(const MetricsReport &report, YearMonth from, YearMonth to);
    // The filters and data age shown, for the header of every export ("USD · Jan 2025 – Jun
    // 2025 · All plans · Data from 5 minutes ago").
    static QString filterSummary(const DashboardView &view);

    // False with a message for people in `error`.
    static bool writeCsv(const DashboardView &view, const QString &fileName, QString *error);
    static bool writePdf(DashboardView &view, const QString &fileName, QString *error);
    // The cards and charts as rendered on screen, under the same two header lines as the PDF.
    static bool writePng(DashboardView &view, const QString &fileName, QString *error);
    // The dashboard on `printer` (its page layout as chosen), drawn as writePdf() draws it.
    static bool print(DashboardView &view, QPrinter &printer, QString *error);

    // One chart of the view on its own, under the chart's title and the filter line.
    static bool writeChartPdf(DashboardView &view,
                              QChartView *chart,
                              const QString &fileName,
                              QString *error);
    static bool writeChartPng(DashboardView &view,
                              QChartView *chart,
                              const QString &fileName,
                              QString *error);
    static bool printChart(DashboardView &view,
                           QChartView *chart,
                           QPrinter &printer,
                           QString *error);

    // The page every PDF and print is: `title`, `summary` below it, then `content` scaled to fit
    // the rest of the device's paint rectangle.
    static bool paintPage(QPagedPaintDevice &device,
                          int resolution,
                          const QString &title,
                          const QString &summary,
                          QWidget *content,
                          QString *error);
};

} // namespace Tenantry
