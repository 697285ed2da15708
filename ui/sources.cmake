target_sources(sandboxdoctor_ui PRIVATE
    page.h
    background.h
    mainwindow.h mainwindow.cpp
    mainwindowactions.cpp
    session.h session.cpp
    sessionoptions.h
    appsettings.h appsettings.cpp
    policytext.h policytext.cpp
    prompt.h prompt.cpp
    guitext.h guitext.cpp
    shortcuttext.h shortcuttext.cpp
    aboutdialog.h aboutdialog.cpp
    icons.h icons.cpp
    theme.h theme.cpp
    settingsdialog.h settingsdialog.cpp
    widgets/colorblend.h
    widgets/messagebar.h widgets/messagebar.cpp
    widgets/homechooser.h widgets/homechooser.cpp
    widgets/card.h widgets/card.cpp
    widgets/elidedlabel.h widgets/elidedlabel.cpp
    widgets/textlabel.h widgets/textlabel.cpp
    widgets/pagescrollarea.h widgets/pagescrollarea.cpp
    widgets/sidebardelegate.h widgets/sidebardelegate.cpp
    overview/overviewpage.h overview/overviewpage.cpp
    overview/findingsmodel.h overview/findingsmodel.cpp
    overview/wrappingdelegate.h overview/wrappingdelegate.cpp
    overview/sandboxverdict.h overview/sandboxverdict.cpp
    overview/restorecard.h overview/restorecard.cpp
    preview/previewpage.h preview/previewpage.cpp
    preview/diffview.h preview/diffview.cpp
    preview/otherfilediffs.h preview/otherfilediffs.cpp
    preview/diffeditor.h preview/diffeditor.cpp
    preview/diffrows.h preview/diffrows.cpp
    preview/tomlhighlighter.h preview/tomlhighlighter.cpp
    preview/diffcolors.h preview/diffcolors.cpp
    report/markdownreport.h report/markdownreport.cpp
    report/reportextras.h report/reportextras.cpp
)

# Pages owned by other engineers list their own files in <folder>/sources.cmake
# (target_sources(sandboxdoctor_ui PRIVATE ...)); the main window adds each
# page with one addPage(...) line.
foreach(page_folder homes verify backups)
    if(EXISTS ${CMAKE_CURRENT_LIST_DIR}/${page_folder}/sources.cmake)
        include(${CMAKE_CURRENT_LIST_DIR}/${page_folder}/sources.cmake)
    endif()
endforeach()
