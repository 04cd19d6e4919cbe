package it.segreteria.voicemail.sip.control;

import gov.nist.core.StackLogger;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends the JAIN-SIP stack's own logging to java.util.logging, i.e. the Payara log. Without it the
 * reference implementation needs log4j 1.x at run time. The stack logs every SIP message at its
 * INFO level: that is FINE here, so a production log holds no caller numbers and no flood of
 * messages unless an operator turns {@code gov.nist.javax.sip} to FINE to trace SIP. Its warnings
 * and errors are mostly about what a peer sent (malformed messages, refused connections): they are
 * written on a {@link LogBudget} of 20 lines a minute, without stack traces unless FINE is on, so a
 * flood of bad input cannot fill the disk.
 */
public class JulStackLogger implements StackLogger {

    private static final Logger LOG = Logger.getLogger("gov.nist.javax.sip");
    private static final LogBudget BUDGET = new LogBudget(20);
    private volatile boolean enabled = true;

    /** Writes a warning or error within the budget; the stack trace only when FINE is on. */
    static void budgeted(Level level, String message, Throwable error) {
        BUDGET.log(LOG, level, message, error);
    }

    private static Level level(int traceLevel) {
        return switch (traceLevel) {
            case TRACE_FATAL, TRACE_ERROR -> Level.SEVERE;
            case TRACE_WARN -> Level.WARNING;
            case TRACE_INFO, TRACE_DEBUG -> Level.FINE;
            default -> Level.FINEST;
        };
    }

    @Override
    public void logStackTrace() {}

    @Override
    public void logStackTrace(int traceLevel) {}

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public void logException(Throwable ex) {
        budgeted(Level.SEVERE, "SIP stack error", ex);
    }

    @Override
    public void logDebug(String message) {
        LOG.fine(message);
    }

    @Override
    public void logDebug(String message, Exception ex) {
        LOG.log(Level.FINE, message, ex);
    }

    @Override
    public void logTrace(String message) {
        LOG.finest(message);
    }

    @Override
    public void logFatalError(String message) {
        budgeted(Level.SEVERE, message, null);
    }

    @Override
    public void logError(String message) {
        budgeted(Level.SEVERE, message, null);
    }

    @Override
    public boolean isLoggingEnabled() {
        return enabled;
    }

    @Override
    public boolean isLoggingEnabled(int traceLevel) {
        return enabled && LOG.isLoggable(level(traceLevel));
    }

    @Override
    public void logError(String message, Exception ex) {
        if (ex instanceof GuardedMessageProcessorFactory.ConnectionRefused) {
            LOG.log(Level.FINE, ex.getMessage()); // counted in a metric; a flood is expected
            return;
        }
        budgeted(Level.SEVERE, message, ex);
    }

    @Override
    public void logWarning(String message) {
        budgeted(Level.WARNING, message, null);
    }

    @Override
    public void logInfo(String message) {
        LOG.fine(message);
    }

    @Override
    public void disableLogging() {
        enabled = false;
    }

    @Override
    public void enableLogging() {
        enabled = true;
    }

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {}

    @Override
    public void setStackProperties(Properties properties) {}

    @Override
    public String getLoggerName() {
        return LOG.getName();
    }
}
