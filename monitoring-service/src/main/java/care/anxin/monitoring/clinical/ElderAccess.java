package care.anxin.monitoring.clinical;

import care.anxin.monitoring.api.NotFoundException;
import care.anxin.monitoring.security.AnxinPrincipal;
import care.anxin.store.console.ElderQueries;
import care.anxin.store.console.ElderQueries.ElderBasics;
import care.anxin.store.console.Role;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Who may read and who may change an elder's clinical data. Reading follows the viewer's scope
 * (an elder outside it is 404, like one that does not exist); changing the health record, care
 * plan and follow-ups is for the contracted doctor and for admins of the elder's organization.
 */
@Component
public class ElderAccess {

    private final ElderQueries elders;

    public ElderAccess(ElderQueries elders) {
        this.elders = elders;
    }

    public ElderBasics read(AnxinPrincipal me, long elderId) {
        return elders.basics(me.scope(), elderId).orElseThrow(() -> new NotFoundException("Elder", elderId));
    }

    public ElderBasics edit(AnxinPrincipal me, long elderId) {
        ElderBasics elder = read(me, elderId);
        if (me.role() != Role.DOCTOR && me.role() != Role.ADMIN) {
            throw new AccessDeniedException("Only the contracted doctor or an admin may change clinical data");
        }
        return elder;
    }
}
