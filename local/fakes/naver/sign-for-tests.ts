/** The documented signature, computed here independently of the add-on's code (for the harness). */
import { hashSync } from 'bcryptjs';

export function bcryptSign(clientId: string, timestamp: string, secret: string): string {
  return Buffer.from(hashSync(`${clientId}_${timestamp}`, secret), 'utf8').toString('base64');
}
