#include "ui/dashboardexporter.h"

#include "core/metrics/metricsformat.h"
#include "ui/dashboardview.h"

#include <QChart>
#include <QChartView>
#include <QDate>
#include <QFontMetrics>
#include <QImage>
#include <QLocale>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QPicture>
#include <QPixmap>
#include <QPrinter>
#include <QSaveFile>

#include <algorithm>

namespace Tenantry {

namespace {

constexpr int pdfResolution = 96; // widget pixels map to PDF (and printer) units one to one before scaling

QString cell(const std::optional<std::int64_t> &value)
{
    return value ? QString::number(*value) : QString();
}

QString cell(const std::optional<double> &value)
{
    return value ? QString::fromStdString(formatRatio(*value)) : QString();
}

bool commit(QSaveFile &file, QString *error)
{
    if (file.commit())
        return true;
    if (error) {
        *error = DashboardExporter::tr("%1 cannot be written: %2")
                     .arg(file.fileName(), file.errorString());
    }
    return false;
}

} // namespace

QString DashboardExporter::kpiCsv(const MetricsReport &report, YearMonth from, YearMonth to)
{
    QString csv = QStringLiteral("period,currency,mrr,arr,customers,arpa,customer_churn_rate,nrr,"
                                 "grr,quick_ratio,cac,ltv,ltv_cac_ratio,payback_months\n");
    const QString currency = report.currency ? QString::fromStdString(report.currency->toString())
                                             : QString();
    for (const PeriodMetrics &m : report.series) {
        const YearMonth month = m.period.firstMonth();
        if (from.monthsUntil(month) < 0 || month.monthsUntil(to) < 0)
            continue;
        const QStringList cells{QString::fromStdString(m.period.label()),
                                currency,
                                QString::number(m.endMrr),
                                QString::number(m.endMrr * 12),
                                QString::number(m.customersEnd),
                                cell(m.arpa),
                                cell(m.customerChurnRate),
                                cell(m.nrr),
                                cell(m.grr),
                                cell(m.quickRatio),
                                cell(m.cac),
                                cell(m.ltv),
                                cell(m.ltvCacRatio),
                                cell(m.paybackMonths)};
        csv += cells.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    return csv;
}

QString DashboardExporter::filterSummary(const DashboardView &view)
{
    const MetricsReport &report = view.report();
    const QString currency = report.currency
                                 ? QString::fromStdString(report.currency->toString()).toUpper()
                                 : QString();
    const std::optional<YearMonth> from = view.fromMonth();
    const std::optional<YearMonth> to = view.selectedMonth();
    if (!from || !to)
        return view.dataAgeText();
    return tr("%1 \u00b7 %2 \u2013 %3 \u00b7 %4 \u00b7 %5")
        .arg(currency,
             DashboardView::periodLabel(Period::containing(*from, view.interval())),
             DashboardView::periodLabel(Period::containing(*to, view.interval())),
             view.planFilterText(),
             view.dataAgeText());
}

bool DashboardExporter::writeCsv(const DashboardView &view, const QString &fileName, QString *error)
{
    const std::optional<YearMonth> from = view.fromMonth();
    const std::optional<YearMonth> to = view.selectedMonth();
    if (!from || !to) {
        if (error)
            *error = tr("There are no figures to export yet.");
        return false;
    }
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = tr("%1 cannot be written: %2").arg(fileName, file.errorString());
        return false;
    }
    file.write(kpiCsv(view.report(), *from, *to).toUtf8());
    return commit(file, error);
}

bool DashboardExporter::paintPage(QPagedPaintDevice &device,
                                  int resolution,
                                  const QString &title,
                                  const QString &summary,
                                  QWidget *content,
                                  QString *error)
{
    const QRect page = device.pageLayout().paintRectPixels(resolution);
    QPainter painter;
    if (!painter.begin(&device)) {
        if (error)
            *error = tr("The page cannot be drawn: the printer or file is not ready.");
        return false;
    }
    QFont titleFont = painter.font();
    titleFont.setPointSizeF(16);
    titleFont.setBold(true);
    painter.setFont(titleFont);
    const int titleHeight = painter.fontMetrics().height();
    painter.drawText(QRect(0, 0, page.width(), titleHeight),
                     Qt::AlignLeft | Qt::AlignVCenter,
                     title);
    QFont body = titleFont;
    body.setPointSizeF(10);
    body.setBold(false);
    painter.setFont(body);
    const int lineHeight = painter.fontMetrics().height();
    painter.drawText(QRect(0, titleHeight, page.width(), lineHeight),
                     Qt::AlignLeft | Qt::AlignVCenter,
                     summary);
    const int top = titleHeight + lineHeight * 2;
    const QSize size = content->size();
    if (size.width() > 0 && size.height() > 0 && page.height() > top) {
        const double scale = std::min(static_cast<double>(page.width()) / size.width(),
                                      static_cast<double>(page.height() - top) / size.height());
        // Recorded as drawing commands, then replayed: QWidget::render() onto a printer would
        // draw a bitmap of the widgets (no text to select or search), onto a QPdfWriter it draws
        // vectors; through a picture both get the same vectors.
        QPicture picture;
        {
            QPainter recorder(&picture);
            content->render(&recorder, QPoint(), QRegion(), QWidget::DrawChildren);
        }
        painter.translate(0, top);
        painter.scale(scale, scale);
        painter.drawPicture(0, 0, picture);
    }
    return painter.end();
}

namespace {

// A one-page PDF of `content` under `title` and `summary`, A4 landscape.
bool writePagePdf(const QString &fileName,
                  const QString &documentTitle,
                  const QString &title,
                  const QString &summary,
                  QWidget *content,
                  QString *error)
{
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error) {
            *error = DashboardExporter::tr("%1 cannot be written: %2")
                         .arg(fileName, file.errorString());
        }
        return false;
    }
    {
        QPdfWriter writer(&file);
        writer.setTitle(documentTitle);
        writer.setCreator(QStringLiteral("Tenantry"));
        writer.setResolution(pdfResolution);
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4),
                                         QPageLayout::Landscape,
                                         QMarginsF(10, 10, 10, 10),
                                         QPageLayout::Millimeter));
        if (!DashboardExporter::paintPage(writer, pdfResolution, title, summary, content, error)) {
            file.cancelWriting();
            return false;
        }
    }
    return commit(file, error);
}

// `content` as rendered on screen under `title` and `summary`, as a PNG image.
bool writePagePng(const QWidget &style,
                  QWidget *content,
                  const QString &title,
                  const QString &summary,
                  const QString &fileName,
                  QString *error)
{
    const QPixmap pixmap = content->grab();
    QFont titleFont = style.font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    const int titleHeight = QFontMetrics(titleFont).height();
    const int lineHeight = QFontMetrics(style.font()).height();
    const int margin = 12;
    const int top = margin + titleHeight + lineHeight + margin;
    QImage image(pixmap.width() + 2 * margin,
                 pixmap.height() + top + margin,
                 QImage::Format_ARGB32_Premultiplied);
    image.fill(style.palette().color(QPalette::Window));
    {
        QPainter painter(&image);
        painter.setPen(style.palette().color(QPalette::WindowText));
        painter.setFont(titleFont);
        painter.drawText(QRect(margin, margin, pixmap.width(), titleHeight),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         title);
        painter.setFont(style.font());
        painter.drawText(QRect(margin, margin + titleHeight, pixmap.width(), lineHeight),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         summary);
        painter.drawPixmap(margin, top, pixmap);
    }
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG")) {
        if (error) {
            *error = DashboardExporter::tr("%1 cannot be written: %2")
                         .arg(fileName, file.errorString());
        }
        return false;
    }
    return commit(file, error);
}

// The page as writePagePdf() draws it, on a printer.
bool printPage(QPrinter &printer,
               const QString &documentTitle,
               const QString &title,
               const QString &summary,
               QWidget *content,
               QString *error)
{
    printer.setDocName(documentTitle);
    // The PDF's resolution, so that the page is laid out as the PDF's is. Printing is vector
    // output either way.
    printer.setResolution(pdfResolution);
    return DashboardExporter::paintPage(printer, pdfResolution, title, summary, content, error);
}

QString chartTitle(QChartView *chart)
{
    return chart->chart() ? chart->chart()->title() : QString();
}

} // namespace

bool DashboardExporter::writePdf(DashboardView &view, const QString &fileName, QString *error)
{
    return writePagePdf(fileName,
                        tr("Tenantry finance dashboard"),
                        tr("Tenantry finance dashboard"),
                        filterSummary(view),
                        view.content(),
                        error);
}

bool DashboardExporter::writePng(DashboardView &view, const QString &fileName, QString *error)
{
    return writePagePng(view,
                        view.content(),
                        tr("Tenantry finance dashboard"),
                        filterSummary(view),
                        fileName,
                        error);
}

bool DashboardExporter::print(DashboardView &view, QPrinter &printer, QString *error)
{
    return printPage(printer,
                     tr("Tenantry finance dashboard"),
                     tr("Tenantry finance dashboard"),
                     filterSummary(view),
                     view.content(),
                     error);
}

bool DashboardExporter::writeChartPdf(DashboardView &view,
                                      QChartView *chart,
                                      const QString &fileName,
                                      QString *error)
{
    return writePagePdf(fileName,
                        tr("Tenantry finance dashboard: %1").arg(chartTitle(chart)),
                        chartTitle(chart),
                        filterSummary(view),
                        chart,
                        error);
}

bool DashboardExporter::writeChartPng(DashboardView &view,
                                      QChartView *chart,
                                      const QString &fileName,
                                      QString *error)
{
    return writePagePng(view, chart, chartTitle(chart), filterSummary(view), fileName, error);
}

bool DashboardExporter::printChart(DashboardView &view,
                                   QChartView *chart,
                                   QPrinter &printer,
                                   QString *error)
{
    return printPage(printer,
                     tr("Tenantry finance dashboard: %1").arg(chartTitle(chart)),
                     chartTitle(chart),
                     filterSummary(view),
                     chart,
                     error);
}

} // namespace Tenantry
