import { NotificationPreferencesUpdate } from '@dj/contracts'
import Type from 'typebox'
import { useCase } from '../../use-case.js'
import { loadPreferences, savePreferences } from '../preferences.js'

/** The reader's channels per event type, language, digest mode and quiet hours. */
export const viewPreferences = useCase({
  name: 'notifications.viewPreferences',
  input: Type.Object({}),
  caller: 'actor',
  transaction: false,
  async run({ actor, db }) {
    return loadPreferences(db, actor.userId)
  },
})

/** Replaces the fields given (unknown event types are refused); answers the preferences in force. */
export const updatePreferences = useCase({
  name: 'notifications.updatePreferences',
  input: NotificationPreferencesUpdate,
  caller: 'actor',
  transaction: false,
  async run({ input, actor, db }) {
    return savePreferences(db, actor.userId, input)
  },
})
