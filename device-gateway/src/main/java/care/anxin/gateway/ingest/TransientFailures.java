package care.anxin.gateway.ingest;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Tells a database outage (retry the same batch later) from a problem with the data (isolate
 * the message that causes it).
 */
final class TransientFailures {

    /** SQLSTATE classes: connection, resources, operator intervention, rollback, object state, system. */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "53", "57", "40", "55", "58", "XX");

    private TransientFailures() {
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException
                    || t instanceof DataAccessResourceFailureException || t instanceof IOException) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().length() >= 2
                    && TRANSIENT_CLASSES.contains(s.getSQLState().substring(0, 2))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
