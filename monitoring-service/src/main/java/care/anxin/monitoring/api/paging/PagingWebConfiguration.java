package care.anxin.monitoring.api.paging;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Registers {@link PageParamsResolver}. */
@Configuration(proxyBeanMethods = false)
public class PagingWebConfiguration implements WebMvcConfigurer {

    private final PageParamsResolver resolver;

    public PagingWebConfiguration(PageParamsResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(resolver);
    }
}
