// The studio's language and palette: translators from the embedded .qm files and a light or dark
// Fusion palette. GUI thread only; call before the main window is built (and again on change).
#pragma once

#include <QString>
#include <QStringList>

class QApplication;

namespace cleave::studio {

// Languages shipped in translations/ plus English (the source language), as locale names.
QStringList availableLanguages();
// Human-readable name of a language in that language ("Deutsch", "简体中文").
QString languageDisplayName(const QString& locale_name);
// "" follows the system locale. Returns the language actually loaded ("en" when none matched).
QString installTranslators(QApplication& app, const QString& language);

enum class Theme { System, Light, Dark };
Theme themeFromString(const QString& s);
QString themeToString(Theme t);
void applyTheme(QApplication& app, Theme theme);

}  // namespace cleave::studio
