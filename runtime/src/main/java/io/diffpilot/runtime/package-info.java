/**
 * The runtime's root: what every runtime package shares and no one feature owns (logging set-up).
 * The real-time loop, transports, fleet and CLI live in the sub-packages.
 */
package io.diffpilot.runtime;
