package ua.vikno.pbx.sip.internal;

import java.util.Properties;

import gov.nist.core.StackLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends JAIN-SIP's own log to SLF4J (logger {@code gov.nist.javax.sip}) instead of log4j 1. Messages are cut
 * short, and the stack's complaints about unparsable input go to DEBUG, so that garbage sent to the SIP port
 * cannot flood the log.
 */
public final class Slf4jStackLogger implements StackLogger {
    private static final Logger LOG = LoggerFactory.getLogger("gov.nist.javax.sip");
    private static final int MAX_MESSAGE = 400;

    public Slf4jStackLogger() {
    }

    @Override
    public void logStackTrace() {
        if (LOG.isTraceEnabled()) {
            LOG.trace("stack trace", new Throwable());
        }
    }

    @Override
    public void logStackTrace(int traceLevel) {
        logStackTrace();
    }

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public void logException(Throwable ex) {
        LOG.warn("JAIN-SIP exception", ex);
    }

    @Override
    public void logDebug(String message) {
        LOG.debug(message);
    }

    @Override
    public void logDebug(String message, Exception ex) {
        LOG.debug(message, ex);
    }

    @Override
    public void logTrace(String message) {
        LOG.trace(message);
    }

    @Override
    public void logFatalError(String message) {
        LOG.error(brief(message));
    }

    @Override
    public void logError(String message) {
        if (aboutInput(message)) {
            LOG.debug(brief(message));
        } else {
            LOG.error(brief(message));
        }
    }

    @Override
    public boolean isLoggingEnabled() {
        return LOG.isInfoEnabled();
    }

    @Override
    public boolean isLoggingEnabled(int logLevel) {
        if (logLevel >= TRACE_TRACE) {
            return LOG.isTraceEnabled();
        } else if (logLevel >= TRACE_DEBUG) {
            return LOG.isDebugEnabled();
        } else if (logLevel >= TRACE_INFO) {
            return LOG.isInfoEnabled();
        } else if (logLevel >= TRACE_WARN) {
            return LOG.isWarnEnabled();
        }
        return logLevel > TRACE_NONE && LOG.isErrorEnabled();
    }

    @Override
    public void logError(String message, Exception ex) {
        if (aboutInput(message)) {
            LOG.debug(brief(message), ex);
        } else {
            LOG.error(brief(message), ex);
        }
    }

    @Override
    public void logWarning(String message) {
        if (aboutInput(message)) {
            LOG.debug(brief(message));
        } else {
            LOG.warn(brief(message));
        }
    }

    @Override
    public void logInfo(String message) {
        LOG.info(message);
    }

    @Override
    public void disableLogging() {
    }

    @Override
    public void enableLogging() {
    }

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
    }

    /** Whether the stack is complaining about a message it received rather than about itself. */
    private static boolean aboutInput(String message) {
        return message != null && (message.startsWith("Error while processing incoming")
                || message.contains("ParseException") || message.startsWith("Dropping"));
    }

    private static String brief(String message) {
        if (message == null || message.length() <= MAX_MESSAGE) {
            return message;
        }
        return message.substring(0, MAX_MESSAGE) + "... (" + message.length() + " characters)";
    }

    @Override
    public String getLoggerName() {
        return LOG.getName();
    }
}
