// Registers the naming and core HTTP controllers with Nacos's ControllerMethodsCache.
// The console module normally does this at start-up; without it Nacos's DistroFilter
// cannot map a request to its controller and answers every v1 call with 501.
package com.alibaba.nacos;

import com.alibaba.nacos.core.code.ControllerMethodsCache;
import javax.annotation.PostConstruct;
import org.springframework.context.annotation.Configuration;

@Configuration
public class RegionLabControllerIndex {
    private final ControllerMethodsCache methodsCache;

    public RegionLabControllerIndex(ControllerMethodsCache methodsCache) {
        this.methodsCache = methodsCache;
    }

    @PostConstruct
    public void index() {
        methodsCache.initClassMethod("com.alibaba.nacos.core.controller");
        methodsCache.initClassMethod("com.alibaba.nacos.naming.controllers");
    }
}
