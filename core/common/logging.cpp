#include "common/logging.h"

Q_LOGGING_CATEGORY(lcConfig, "sandboxdoctor.core.config", QtWarningMsg)
Q_LOGGING_CATEGORY(lcApply, "sandboxdoctor.core.apply", QtWarningMsg)
Q_LOGGING_CATEGORY(lcDetect, "sandboxdoctor.core.detect", QtWarningMsg)
Q_LOGGING_CATEGORY(lcHomes, "sandboxdoctor.core.homes", QtWarningMsg)
Q_LOGGING_CATEGORY(lcVerify, "sandboxdoctor.core.verify", QtWarningMsg)
Q_LOGGING_CATEGORY(lcProcess, "sandboxdoctor.core.process", QtWarningMsg)
