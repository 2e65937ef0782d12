/** The volunteer's list of sign-ups: where sign-up messages point and where cancelling returns to. */
export const COMMITMENTS_PATH = "/volunteer/commitments";
