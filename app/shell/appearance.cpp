#include "app/shell/appearance.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>
#include <QTranslator>

namespace cleave::studio {

QStringList availableLanguages() {
  return {"en", "de", "zh_CN"};
}

QString languageDisplayName(const QString& locale_name) {
  if (locale_name == "de") return QStringLiteral("Deutsch");
  if (locale_name == "zh_CN") return QStringLiteral("简体中文");
  return QStringLiteral("English");
}

QString installTranslators(QApplication& app, const QString& language) {
  // Translators are owned by the application and replaced on a change of language.
  for (QTranslator* old : app.findChildren<QTranslator*>()) {
    QCoreApplication::removeTranslator(old);
    delete old;
  }
  const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
  auto* ours = new QTranslator(&app);
  if (!ours->load(locale, "cleave", "_", ":/i18n")) {
    delete ours;
    return "en";
  }
  QCoreApplication::installTranslator(ours);
  // Qt's own strings (standard dialogs, context menus) when the system has them.
  auto* qt = new QTranslator(&app);
  if (qt->load(locale, "qtbase", "_", QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
    QCoreApplication::installTranslator(qt);
  } else {
    delete qt;
  }
  return ours->language();
}

Theme themeFromString(const QString& s) {
  if (s == "light") return Theme::Light;
  if (s == "dark") return Theme::Dark;
  return Theme::System;
}

QString themeToString(Theme t) {
  switch (t) {
    case Theme::Light:
      return "light";
    case Theme::Dark:
      return "dark";
    case Theme::System:
      break;
  }
  return "system";
}

namespace {

QPalette darkPalette() {
  QPalette p;
  const QColor window(0x2b, 0x2d, 0x31), base(0x1e, 0x1f, 0x22), text(0xe6, 0xe6, 0xe6);
  const QColor highlight(0x3d, 0x8b, 0xd9), disabled(0x80, 0x80, 0x80);
  p.setColor(QPalette::Window, window);
  p.setColor(QPalette::WindowText, text);
  p.setColor(QPalette::Base, base);
  p.setColor(QPalette::AlternateBase, window);
  p.setColor(QPalette::ToolTipBase, base);
  p.setColor(QPalette::ToolTipText, text);
  p.setColor(QPalette::PlaceholderText, disabled);
  p.setColor(QPalette::Text, text);
  p.setColor(QPalette::Button, window);
  p.setColor(QPalette::ButtonText, text);
  p.setColor(QPalette::BrightText, Qt::red);
  p.setColor(QPalette::Link, highlight.lighter(130));
  p.setColor(QPalette::Highlight, highlight);
  p.setColor(QPalette::HighlightedText, Qt::white);
  p.setColor(QPalette::Mid, window.lighter(130));
  p.setColor(QPalette::Dark, base.darker(120));
  p.setColor(QPalette::Light, window.lighter(150));
  for (auto role : {QPalette::Text, QPalette::WindowText, QPalette::ButtonText}) {
    p.setColor(QPalette::Disabled, role, disabled);
  }
  return p;
}

}  // namespace

void applyTheme(QApplication& app, Theme theme) {
  // Fusion draws the same on every platform and honours a custom palette completely.
  app.setStyle(QStyleFactory::create("Fusion"));
  switch (theme) {
    case Theme::Dark:
      app.setPalette(darkPalette());
      break;
    case Theme::Light:
      app.setPalette(app.style()->standardPalette());
      break;
    case Theme::System:
      app.setPalette(QPalette());
      break;
  }
}

}  // namespace cleave::studio
