/**
 * Supervision: KooGallery's manual-service supervision of an order line (stages, hardware codes, acceptance,
 * completion after the waiting time), which gates the settlement of the line's bills. Its timer lives in
 * {@code application.SupervisionTimers}.
 *
 * <p>Owns: supervision, supervision_step. Raises stalled-supervision alerts as notification's
 * {@link dev.stallkeeper.notification.application.AlertSource}.
 *
 * <p>May use: {@code provisioning} (instances), {@code billing} (bill supervision states), {@code notification}
 * (its ports), {@code platform}.
 */
package dev.stallkeeper.supervision;
