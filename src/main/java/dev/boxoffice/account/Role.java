package dev.boxoffice.account;

enum Role {

	USER, ADMIN

}
