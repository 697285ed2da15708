target_sources(sandboxdoctor_ui PRIVATE
    mainwindow.h mainwindow.cpp
)
