package care.anxin.monitoring.api.paging;

import care.anxin.monitoring.api.BadRequestException;
import care.anxin.monitoring.config.MonitoringProperties;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Reads limit (default and maximum from configuration) and cursor for every paginated list. */
@Component
public class PageParamsResolver implements HandlerMethodArgumentResolver {

    private final MonitoringProperties.Pages settings;

    public PageParamsResolver(MonitoringProperties properties) {
        this.settings = properties.pages();
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == PageParams.class;
    }

    @Override
    public PageParams resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                      WebDataBinderFactory binders) {
        String rawLimit = request.getParameter("limit");
        int limit = settings.defaultLimit();
        if (rawLimit != null && !rawLimit.isBlank()) {
            try {
                limit = Integer.parseInt(rawLimit.trim());
            } catch (NumberFormatException e) {
                throw new BadRequestException("limit", "limit must be a number");
            }
        }
        if (limit < 1 || limit > settings.maxLimit()) {
            throw new BadRequestException("limit", "limit must be between 1 and " + settings.maxLimit());
        }
        String cursor = request.getParameter("cursor");
        if (cursor != null && cursor.length() > 1000) {
            throw new BadRequestException("cursor", "invalid cursor");
        }
        return new PageParams(limit, cursor == null || cursor.isBlank() ? null : cursor);
    }
}
