/* test/fuzz/shim/miscadmin.h -- CHECK_FOR_INTERRUPTS() is in shim postgres.h */
