// translations/tenantry_de.ts is complete: lupdate over client/, ui/ and app/ into a copy of it
// adds every string the sources have and the file lacks (as unfinished), so after that run no
// message may be unfinished, empty or missing a plural form.

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void germanIsComplete()
    {
        const QString root = QStringLiteral(TENANTRY_SOURCE_DIR);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString copy = dir.filePath(QStringLiteral("tenantry_de.ts"));
        QVERIFY(QFile::copy(root + QStringLiteral("/translations/tenantry_de.ts"), copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);

        QProcess lupdate;
        lupdate.setWorkingDirectory(root);
        lupdate.setProcessChannelMode(QProcess::MergedChannels);
        lupdate.start(QStringLiteral(TENANTRY_LUPDATE),
                      {QStringLiteral("-I"),
                       root,
                       QStringLiteral("-locations"),
                       QStringLiteral("none"),
                       QStringLiteral("-no-obsolete"),
                       QStringLiteral("client"),
                       QStringLiteral("ui"),
                       QStringLiteral("app"),
                       QStringLiteral("-ts"),
                       copy});
        QVERIFY(lupdate.waitForFinished(120000));
        QVERIFY2(lupdate.exitCode() == 0, lupdate.readAll().constData());

        QFile file(copy);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&file);
        QString context;
        QString source;
        QStringList problems;
        int messages = 0;
        bool numerus = false;
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement())
                continue;
            if (xml.name() == QLatin1String("name")) {
                context = xml.readElementText();
            } else if (xml.name() == QLatin1String("message")) {
                ++messages;
                numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
            } else if (xml.name() == QLatin1String("source")) {
                source = xml.readElementText();
            } else if (xml.name() == QLatin1String("translation")) {
                const QString type = xml.attributes().value(QLatin1String("type")).toString();
                if (!numerus) {
                    const QString text = xml.readElementText();
                    if (!type.isEmpty() || text.isEmpty())
                        problems.append(context + QStringLiteral(": ") + source);
                } else {
                    int forms = 0;
                    bool empty = false;
                    while (xml.readNextStartElement()) {
                        ++forms;
                        empty = empty || xml.readElementText().isEmpty();
                    }
                    if (!type.isEmpty() || forms != 2 || empty)
                        problems.append(context + QStringLiteral(": ") + source);
                }
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(messages > 100);
        QVERIFY2(problems.isEmpty(),
                 qPrintable(QStringLiteral("Untranslated in tenantry_de.ts (run the "
                                           "update_translations target and translate):\n")
                            + problems.join(QLatin1Char('\n'))));
    }
};

QTEST_APPLESS_MAIN(TestTranslations)
#include "testtranslations.moc"
