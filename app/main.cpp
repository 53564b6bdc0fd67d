// The Tenantry console. --help and --version (and command-line errors) are answered without a
// display, before any GUI object exists.

#include "app/consoleapplication.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace {

struct Options
{
    Options() { screenshot.setFlags(QCommandLineOption::HiddenFromHelp); }

    QCommandLineOption demo{QStringLiteral("demo"),
                            QCoreApplication::translate("main",
                                                        "Start the bundled tenantryd with demo "
                                                        "data and sign in to it.")};
    QCommandLineOption dataDir{QStringLiteral("data-dir"),
                               QCoreApplication::translate("main",
                                                           "The demo server's data folder "
                                                           "(default: a temporary one)."),
                               QStringLiteral("folder")};
    QCommandLineOption exitWhenReady{
        QStringLiteral("exit-when-ready"),
        QCoreApplication::translate("main",
                                    "With --demo: print the outcome and quit once signed in "
                                    "(status 0) or on failure (status 1).")};
    // Hidden, for scripts/screenshots: with --demo, save the main views as PNGs and quit.
    QCommandLineOption screenshot{QStringLiteral("screenshot"),
                                  QStringLiteral("Save screenshots of the main views."),
                                  QStringLiteral("folder")};
};

void describe(QCommandLineParser &parser, const Options &options)
{
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Tenantry, the console of a SaaS control plane."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(options.demo);
    parser.addOption(options.dataDir);
    parser.addOption(options.exitWhenReady);
    parser.addOption(options.screenshot);
}

void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Tenantry"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("tenantry.dev"));
    QCoreApplication::setApplicationName(QStringLiteral("tenantry"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TENANTRY_VERSION));
}

} // namespace

int main(int argc, char *argv[])
{
    QStringList arguments;
    arguments.reserve(argc);
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));

    const Options options;
    {
        QCommandLineParser parser;
        describe(parser, options);
        const bool parsed = parser.parse(arguments);
        if (!parsed || parser.isSet(QStringLiteral("help"))
            || parser.isSet(QStringLiteral("version"))) {
            QCoreApplication app(argc, argv);
            setIdentity();
            QCommandLineParser answering;
            describe(answering, options);
            answering.process(app); // prints help, version or the error, and exits
            return 1;
        }
    }

    QApplication app(argc, argv);
    setIdentity();
    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(),
                          QStringLiteral("qtbase"),
                          QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(&qtTranslator);
    // Ours, built into the executable by qt_add_translations (resource prefix /i18n).
    QTranslator tenantryTranslator;
    if (tenantryTranslator.load(QLocale(),
                                QStringLiteral("tenantry"),
                                QStringLiteral("_"),
                                QStringLiteral(":/i18n"))
        // English is the source language; its file only holds the plural forms ("1 tenant").
        || tenantryTranslator.load(QStringLiteral(":/i18n/tenantry_en")))
        QCoreApplication::installTranslator(&tenantryTranslator);

    QCommandLineParser parser;
    describe(parser, options);
    parser.process(app);

    Tenantry::ConsoleApplication console;
    if (parser.isSet(options.demo) && parser.isSet(options.screenshot))
        console.startScreenshots(parser.value(options.dataDir), parser.value(options.screenshot));
    else if (parser.isSet(options.demo))
        console.startDemo(parser.value(options.dataDir), parser.isSet(options.exitWhenReady));
    else
        console.startSignedIn();
    const int status = QApplication::exec();
    console.shutdown();
    return status;
}
