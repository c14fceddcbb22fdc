package io.contactcenter.simulator.client;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Runtime switches; null fields are left unchanged on update. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Settings(Double timeFactor, Boolean duplicateEvents, Boolean outOfOrderEvents, Integer createsPerSecond) {
}
