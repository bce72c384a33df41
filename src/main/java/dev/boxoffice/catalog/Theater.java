package dev.boxoffice.catalog;

import java.util.UUID;

public record Theater(UUID theaterId, String name, String city, String address) {

}
