// cleave-studio: the operator's desktop app. A client of cleave-cloud and a player of recorded
// sessions; it never trains.
#include <QApplication>
#include <QSettings>
#include <QTimer>
#include <cstdio>

#include "app/shell/appearance.h"
#include "app/shell/main_window.h"
#include "app/shell/studio_options.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QCoreApplication::setOrganizationName("Cleave");
  QCoreApplication::setApplicationName("cleave-studio");
  QCoreApplication::setApplicationVersion(CLEAVE_VERSION);
  QGuiApplication::setDesktopFileName("cleave-studio");

  const auto parsed = cleave::studio::parseStudioOptions(QCoreApplication::arguments());
  if (parsed.help) {
    std::printf("%s", qPrintable(parsed.help_text));
    return 0;
  }
  if (!parsed.options) {
    std::fprintf(stderr, "cleave-studio: %s\n(see cleave-studio --help)\n",
                 qPrintable(parsed.error));
    return 2;
  }
  const cleave::studio::StudioOptions& options = *parsed.options;
  QSettings settings;
  cleave::studio::applyTheme(
      app, cleave::studio::themeFromString(settings.value("appearance/theme").toString()));
  cleave::studio::installTranslators(app, options.language.isEmpty()
                                              ? settings.value("appearance/language").toString()
                                              : options.language);

  cleave::studio::MainWindow window(options);
  window.show();
  if (options.quit_after_s > 0) {
    // Documentation and tests: render what the operator would see, then leave cleanly.
    QTimer::singleShot(int(options.quit_after_s * 1000), &window, [&] {
      int code = 0;
      std::printf("state: %s\n", qPrintable(window.summary()));
      if (!options.screenshot.isEmpty()) {
        if (window.saveScreenshot(options.screenshot)) {
          std::printf("screenshot: %s\n", qPrintable(options.screenshot));
        } else {
          std::fprintf(stderr, "cleave-studio: could not write %s\n",
                       qPrintable(options.screenshot));
          code = 1;
        }
      }
      window.close();
      QCoreApplication::exit(code);
    });
  }
  return app.exec();
}
