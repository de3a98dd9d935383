package care.anxin.monitoring.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/** Lets POST /login take a JSON body {username, password} as well as a form; the body is small or refused. */
public class JsonLoginBodyFilter extends OncePerRequestFilter {

    private final ObjectMapper json;
    private final int maxBytes;

    public JsonLoginBodyFilter(ObjectMapper json, int maxBytes) {
        this.json = json;
        this.maxBytes = maxBytes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath())
                && type != null && MediaType.parseMediaType(type).isCompatibleWith(MediaType.APPLICATION_JSON));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Map<String, String> fields = new HashMap<>();
        try {
            byte[] bytes = request.getInputStream().readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
                return;
            }
            JsonNode body = json.readTree(bytes);
            if (body != null && body.isObject()) {
                body.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue().asText()));
            }
        } catch (IOException e) {
            // unreadable body: the login fails like one without credentials
        }
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getParameter(String name) {
                String value = fields.get(name);
                return value != null ? value : super.getParameter(name);
            }

            @Override
            public Map<String, String[]> getParameterMap() {
                Map<String, String[]> map = new HashMap<>(super.getParameterMap());
                fields.forEach((k, v) -> map.put(k, new String[] {v}));
                return map;
            }

            @Override
            public Enumeration<String> getParameterNames() {
                return Collections.enumeration(getParameterMap().keySet());
            }

            @Override
            public String[] getParameterValues(String name) {
                return getParameterMap().get(name);
            }
        }, response);
    }
}
