package dev.boxoffice.waitlist;

/** How many people wait for a show, and for how many seats. */
public record Waiting(int people, int seats) {

}
