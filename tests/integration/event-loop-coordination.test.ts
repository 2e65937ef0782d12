/** No request to the coordination routes blocks the server: see tests/helpers/event-loop-attack.ts. */
import { describeEventLoopAttacks } from "../helpers/event-loop-attack";

describeEventLoopAttacks("coordination", 200);
