/**
 * The KooGallery wire format shared by the endpoint, the clients and the simulator: result codes and
 * activities, canonical JSON, the request and response signatures (V2 basic, Kit, V1 authToken, Body-Sign,
 * usage push, APIG AK/SK), V1 field encryption and the protocol's time formats.
 *
 * <p>Plain Java and Jackson only, no container APIs. Section numbers (§) refer to
 * {@code docs/koogallery-protocol.md}; its test vectors TV-1 to TV-16 are the unit tests of this module.
 */
package dev.stallkeeper.protocol;
