/**
 * The joint-operation (联营) Kit interfaces (spec §6): their names, limits and the RSA-OAEP encryption of the
 * application's {@code clientSecret}. Signatures of Kit calls are {@link dev.stallkeeper.protocol.KitSignature}.
 */
package dev.stallkeeper.protocol.kit;
