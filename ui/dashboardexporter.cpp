#include "ui/dashboardexporter.h"

#include "core/metrics/metricsformat.h"
#include "ui/dashboardview.h"

#include <QDate>
#include <QFontMetrics>
#include <QImage>
#include <QLocale>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QPixmap>
#include <QSaveFile>

#include <algorithm>

namespace Tenantry {

namespace {

constexpr int pdfResolution = 96; // widget pixels map to PDF units one to one before scaling

QString monthLabel(YearMonth month)
{
    return QLocale().toString(QDate(month.year(), month.month(), 1), QStringLiteral("MMM yyyy"));
}

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
    return tr("%1 \u00b7 %2 \u2013 %3 \u00b7 %4")
        .arg(currency, monthLabel(*from), monthLabel(*to), view.dataAgeText());
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

bool DashboardExporter::writePdf(DashboardView &view, const QString &fileName, QString *error)
{
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = tr("%1 cannot be written: %2").arg(fileName, file.errorString());
        return false;
    }
    {
        QPdfWriter writer(&file);
        writer.setTitle(tr("Tenantry finance dashboard"));
        writer.setCreator(QStringLiteral("Tenantry"));
        writer.setResolution(pdfResolution);
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4),
                                         QPageLayout::Landscape,
                                         QMarginsF(10, 10, 10, 10),
                                         QPageLayout::Millimeter));
        const QRect page = writer.pageLayout().paintRectPixels(pdfResolution);
        QPainter painter(&writer);
        QFont title = painter.font();
        title.setPointSizeF(16);
        title.setBold(true);
        painter.setFont(title);
        const int titleHeight = painter.fontMetrics().height();
        painter.drawText(QRect(0, 0, page.width(), titleHeight),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         tr("Tenantry finance dashboard"));
        QFont body = title;
        body.setPointSizeF(10);
        body.setBold(false);
        painter.setFont(body);
        const int lineHeight = painter.fontMetrics().height();
        painter.drawText(QRect(0, titleHeight, page.width(), lineHeight),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         filterSummary(view));
        const int top = titleHeight + lineHeight * 2;

        QWidget *content = view.content();
        const QSize size = content->size();
        if (size.width() > 0 && size.height() > 0) {
            const double scale = std::min(static_cast<double>(page.width()) / size.width(),
                                          static_cast<double>(page.height() - top) / size.height());
            painter.translate(0, top);
            painter.scale(scale, scale);
            content->render(&painter, QPoint(), QRegion(), QWidget::DrawChildren);
        }
        painter.end();
    }
    return commit(file, error);
}

bool DashboardExporter::writePng(DashboardView &view, const QString &fileName, QString *error)
{
    const QPixmap content = view.content()->grab();
    QFont title = view.font();
    title.setPointSizeF(title.pointSizeF() * 1.6);
    title.setBold(true);
    const int titleHeight = QFontMetrics(title).height();
    const int lineHeight = QFontMetrics(view.font()).height();
    const int margin = 12;
    const int top = margin + titleHeight + lineHeight + margin;
    QImage image(content.width() + 2 * margin,
                 content.height() + top + margin,
                 QImage::Format_ARGB32_Premultiplied);
    image.fill(view.palette().color(QPalette::Window));
    {
        QPainter painter(&image);
        painter.setPen(view.palette().color(QPalette::WindowText));
        painter.setFont(title);
        painter.drawText(QRect(margin, margin, content.width(), titleHeight),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         tr("Tenantry finance dashboard"));
        painter.setFont(view.font());
        painter.drawText(QRect(margin, margin + titleHeight, content.width(), lineHeight),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         filterSummary(view));
        painter.drawPixmap(margin, top, content);
    }
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG")) {
        if (error)
            *error = tr("%1 cannot be written: %2").arg(fileName, file.errorString());
        return false;
    }
    return commit(file, error);
}

} // namespace Tenantry
